using System.Globalization;
using Segmenta.Lifetime;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Lifetime;

/// <summary>
/// The conditional distribution P(X(13 weeks) = k | x, t_x, T) whose median is the forecast the holdout scores by absolute
/// error, against Reference/uci_holdout_reference.py: SciPy's double quadrature over the posterior of each customer's
/// purchase and dropout rates (not the closed forms used here), at the published CDNOW fits. Its "pk" lines are read from
/// uci_holdout_reference.txt.
/// </summary>
public sealed class PurchaseDistributionReferenceTests
{
    public static TheoryData<string, double, double, double, int, double> Points()
    {
        var data = new TheoryData<string, double, double, double, int, double>();
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "Segmenta.Tests", "Lifetime", "Reference", "uci_holdout_reference.txt")))
        {
            var f = line.Split(' ');
            if (f[0] == "pk")
            {
                data.Add(f[1], Parse(f[2]), Parse(f[3]), Parse(f[4]), int.Parse(f[5], CultureInfo.InvariantCulture), Parse(f[6]));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void The_probability_of_k_purchases_matches_quadrature_over_the_rates(string model, double x, double tx, double t, int k, double expected)
    {
        // Published CDNOW fits (Fader, Hardie & Lee 2005; Fader & Hardie 2005), as in the script.
        ICountingModel counting = model switch
        {
            "bgnbd" => new BgNbdModel(0.242593, 4.413587, 0.792921, 2.425907),
            "mbgnbd" => new MbgNbdModel(0.242593, 4.413587, 0.792921, 2.425907),
            _ => new ParetoNbdModel(0.553282, 10.577717, 0.606237, 11.668743),
        };
        Assert.Equal(expected, counting.ProbabilityOfPurchases(k, 13, x, tx, t), 1e-7);
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
