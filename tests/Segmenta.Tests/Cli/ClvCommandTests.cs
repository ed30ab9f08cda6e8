using Segmenta.Cli;
using Segmenta.Tests.Lifetime;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cli;

/// <summary><c>segmenta clv</c> on the CDNOW sample, as a user types it.</summary>
[Collection("Console")]
public class ClvCommandTests
{
    [Fact]
    public void Clv_writes_the_lifetime_columns_the_model_table_and_the_holdout()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("cdnow.csv", CdnowFixture.ToCsv(File.ReadLines(CdnowFixture.SamplePath)));
        var output = directory.File("out");

        var (exit, text, error) = ConsoleCapture.Run(() => CliApp.Run(["clv", input, "--out", output, "--calibration-end", "1997-09-30", "--horizon", "30,365"]));

        Assert.True(exit == 0, error);
        Assert.Contains("Holdout bgnbd", text);
        var customers = File.ReadAllLines(Path.Combine(output, "customers.csv"));
        Assert.EndsWith(",PAlive,ExpectedPurchases30d,ExpectedPurchases365d,ExpectedSpend,Clv30d,Clv365d,PNoPurchase90d,ChurnRisk", customers[0]);
        // Rows come from the features stage's customers table; every one of them gets a P(alive).
        Assert.True(customers.Length > 2300, $"{customers.Length} lines");
        var pAlive = Array.IndexOf(customers[0].Split(','), "PAlive");
        Assert.All(customers.Skip(1), line => Assert.NotEqual("", line.Split(',')[pAlive]));
        Assert.DoesNotContain(customers, line => line.Contains("nan", StringComparison.OrdinalIgnoreCase) || line.Contains("e-", StringComparison.Ordinal));
        var models = File.ReadAllLines(Path.Combine(output, "clv-models.csv"));
        Assert.Equal("Model,Parameter,Value,StdError,LogLikelihood,Customers,Converged,AtBoundary,Period,Chosen", models[0]);
        Assert.Contains(models, line => line.StartsWith("gamma-gamma,p,", StringComparison.Ordinal));
        var holdout = File.ReadAllLines(Path.Combine(output, "clv-holdout.csv"));
        Assert.Equal("Model,FrequencyGroup,Customers,ActualPurchases,PredictedPurchases,BaselinePurchases,ModelMedianMae,BaselineMedianMae,ModelMeanMae,BaselineMeanMae,ModelMeanRmse,BaselineMeanRmse", holdout[0]);
        Assert.Contains(holdout, line => line.StartsWith("bgnbd,total,2357,1882,", StringComparison.Ordinal));
        var churn = File.ReadAllLines(Path.Combine(output, "clv-churn-holdout.csv"));
        Assert.Equal("Model,Ranking,Tier,Customers,HoldoutBuyers,HoldoutBuyerShare,Auc", churn[0]);
        Assert.Equal(9, churn.Length);
        Assert.Contains(churn, line => line.StartsWith("bgnbd,model,total,2357,", StringComparison.Ordinal));
    }

    [Fact]
    public void The_churn_horizon_option_names_the_probability_column()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("cdnow.csv", CdnowFixture.ToCsv(File.ReadLines(CdnowFixture.SamplePath)));
        var output = directory.File("out");

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["clv", input, "--out", output, "--churn-horizon", "30"]));

        Assert.True(exit == 0, error);
        Assert.EndsWith(",PNoPurchase30d,ChurnRisk", File.ReadLines(Path.Combine(output, "customers.csv")).First());
        var (bad, _, message) = ConsoleCapture.Run(() => CliApp.Run(["clv", input, "--out", output, "--churn-horizon", "0"]));
        Assert.NotEqual(0, bad);
        Assert.Contains("--churn-horizon", message);
    }

    [Fact]
    public void A_bad_horizon_exits_non_zero_naming_the_option()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Invoice,Customer,Date,Total\n1,7,2011-01-01,5\n");

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["clv", input, "--out", directory.File("out"), "--horizon", "90,soon"]));

        Assert.NotEqual(0, exit);
        Assert.Contains("--horizon", error);
    }
}
