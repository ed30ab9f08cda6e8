using System.Globalization;
using Segmenta.Lifetime;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Lifetime;

/// <summary>
/// The churn-risk tier's probability of no purchase within the horizon, against Reference/churn_reference.py (SciPy 1.10
/// from Debian): its closed forms (docs/lifetime.md) and, independently, the ratio of double integrals over the prior of
/// each customer's rates straight from the model's definition (no P(alive) formula), output in churn_reference.txt.
/// </summary>
public sealed class ChurnRiskTests
{
    // The CDNOW fits of cdnow_reference.txt (weeks), as churn_reference.py uses them.
    private static readonly Dictionary<string, ICountingModel> Models = new()
    {
        ["bgnbd"] = new BgNbdModel(0.242594527, 4.41360233, 0.792922064, 2.42590686),
        ["pareto-nbd"] = new ParetoNbdModel(0.553277049, 10.5776838, 0.606240175, 11.6687411),
        ["mbgnbd"] = new MbgNbdModel(0.524843065, 6.18308453, 0.891359424, 1.61400254),
    };

    internal static IReadOnlyList<string[]> ReferenceLines(string kind) =>
        [.. File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "Segmenta.Tests", "Lifetime", "Reference", "churn_reference.txt"))
            .Select(l => l.Split(' ')).Where(p => p[0] == kind)];

    [Fact]
    public void The_probability_of_no_purchase_matches_scipy_for_every_model_and_customer()
    {
        var lines = ReferenceLines("p0");
        Assert.Equal(12, lines.Count);
        foreach (var p in lines)
        {
            var model = Models[p[1]];
            double x = D(p[3]), tx = D(p[4]), t = D(p[5]), horizon = D(p[6]), closed = D(p[7]), definition = D(p[8]);
            // The derivation (closed form) agrees with the definition (double integrals) ...
            Assert.True(Math.Abs(closed - definition) <= 1e-7 * definition, $"{p[1]} {p[2]}: closed {closed} definition {definition}");
            // ... and Segmenta's value (the model's own conditional distribution at k = 0) with both.
            var ours = model.ProbabilityOfPurchases(0, 90 / 7.0, x, tx, t);
            Assert.True(Math.Abs(ours - definition) <= 1e-7 * definition, $"{p[1]} {p[2]}: ours {ours} definition {definition}");
            Assert.Equal(90 / 7.0, horizon, 1e-8); // the file's horizon, to ten digits
        }
    }

    [Theory]
    [InlineData(0, 0, 10)]
    [InlineData(3, 20, 35)]
    [InlineData(12, 30, 31)]
    public void For_bgnbd_it_is_one_minus_alive_plus_alive_times_no_purchase_of_the_nbd(double x, double tx, double t)
    {
        // P(no purchase in (T, T+h]) = 1 − P(alive) + P(alive) ((α+T)/(α+T+h))^(r+x): alive, a BG/NBD customer can only
        // drop out right after a purchase, so being silent for h means the next purchase falls after T + h.
        var model = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        const double h = 13;
        var alive = model.ProbabilityAlive(x, tx, t);
        var expected = 1 - alive + alive * Math.Pow((model.Alpha + t) / (model.Alpha + t + h), model.R + x);
        Assert.Equal(expected, model.ProbabilityOfPurchases(0, h, x, tx, t), 1e-12);
    }

    [Fact]
    public void Tiers_follow_the_documented_thresholds_and_the_rule_says_them()
    {
        Assert.Equal(ChurnRisk.Low, ChurnRiskTiers.Of(0));
        Assert.Equal(ChurnRisk.Low, ChurnRiskTiers.Of(0.3));
        Assert.Equal(ChurnRisk.Medium, ChurnRiskTiers.Of(0.30000001));
        Assert.Equal(ChurnRisk.Medium, ChurnRiskTiers.Of(0.7));
        Assert.Equal(ChurnRisk.High, ChurnRiskTiers.Of(0.70000001));
        Assert.Equal(ChurnRisk.High, ChurnRiskTiers.Of(1));
        Assert.Equal("tier of the model's probability of no purchase in the next 90 days: low at most 0.3, medium at most 0.7, high above", ChurnRiskTiers.Rule(90));
    }

    [Fact]
    public void The_auc_counts_ties_half_and_is_undefined_without_both_outcomes()
    {
        // Non-buyers (false) at risks 0.9 and 0.5, buyers at 0.5 and 0.1: pairs (0.9 > 0.5, 0.9 > 0.1, 0.5 = 0.5, 0.5 > 0.1) → 3.5 / 4.
        Assert.Equal(0.875, ChurnHoldout.Auc([0.9, 0.5, 0.5, 0.1], [false, false, true, true]), 1e-15);
        Assert.Equal(0.0, ChurnHoldout.Auc([0.1, 0.9], [false, true]), 1e-15);
        Assert.True(double.IsNaN(ChurnHoldout.Auc([0.1, 0.9], [true, true])));
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
