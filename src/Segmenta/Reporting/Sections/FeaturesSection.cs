using Segmenta.Segmentation;

namespace Segmenta.Reporting.Sections;

/// <summary>Section 4: how the customer features are distributed, before and after the log transform, and how they relate.</summary>
internal static class FeaturesSection
{
    internal const string Title = "Customer features";

    internal static void Write(Html html, ReportData data)
    {
        html.Why("Recency, frequency and monetary value describe how recently, how often and how much each customer buys. They are heavily skewed (a few wholesalers buy hundreds of times), so each gets a fixed transform decided by what it is: log(1 + x) for counts and days, sign(x)·log(1 + |x|) for money, which can be negative or 0 after returns. That turns the long tails into comparable, roughly bell-shaped scales.");
        if (data.Clustering?.Transform is { Count: > 0 } transform)
        {
            html.Paragraph("The clustering models saw: " + string.Join("; ", transform) + ".");
        }
        html.Raw("<div class=\"grid\">\n");
        foreach (var (column, label) in new[] { ("recency", "Recency (days)"), ("frequency", "Frequency (orders)"), ("monetary", $"Monetary ({data.Currency})") })
        {
            if (!data.Customers[column].Any(double.IsFinite))
            {
                continue; // Monetary of a file without amounts: nothing to draw (the summary says why).
            }
            var values = data.Customers[column];
            var median = Median(values);
            html.Figure($"{label}: distribution", $"Histogram of {label.ToLowerInvariant()} over {Html.Number(values.Length)} customers; median {Html.Number(median, 1)}.",
                ChartFactory.Histogram($"{label}", values, label));
            var policy = FeaturePolicy.For(column).Transform;
            var formula = Formula(policy, column);
            var logged = values.Select(v => FeaturePolicy.Apply(policy, v)).Where(double.IsFinite).ToArray();
            html.Figure($"{label}: after {Formula(policy, "x")}", $"Histogram of {formula}; the transformed values spread over {Html.Number(logged.Min(), 1)} to {Html.Number(logged.Max(), 1)}.",
                ChartFactory.Histogram(formula, logged, Formula(policy, label)));
        }
        html.Raw("</div>\n");
        WriteCorrelations(html, data);
    }

    private static void WriteCorrelations(Html html, ReportData data)
    {
        var names = ReportDataLoader.FeatureColumns.Where(n => data.Customers[n].Any(double.IsFinite)).ToArray();
        var logged = names.ToDictionary(n => n, n => data.Customers[n].Select(v => FeaturePolicy.Apply(FeaturePolicy.For(n).Transform, v)).ToArray());
        var rows = names.Select(a => (IReadOnlyList<string>)[a, .. names.Select(b => Html.Number(Pearson(logged[a], logged[b]), 2))]).ToList();
        html.Table(["Feature (transformed)", .. names.Select(n => "#" + n)], rows,
            "Correlations (Pearson, on the transformed values: log(1 + x), or sign(x)·log(1 + |x|) for money): 1 = move together, 0 = unrelated, -1 = opposite");
    }

    private static string Formula(ValueTransform transform, string x) => transform switch
    {
        ValueTransform.Log1p => $"log(1 + {x})",
        ValueTransform.SignedLog1p => $"sign·log(1 + |{x}|)",
        _ => x,
    };

    internal static double Pearson(double[] x, double[] y)
    {
        var pairs = x.Zip(y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
        if (pairs.Length < 2)
        {
            return double.NaN;
        }
        var mx = pairs.Average(p => p.First);
        var my = pairs.Average(p => p.Second);
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (a, b) in pairs)
        {
            sxy += (a - mx) * (b - my);
            sxx += (a - mx) * (a - mx);
            syy += (b - my) * (b - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
