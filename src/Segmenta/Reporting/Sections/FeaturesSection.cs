namespace Segmenta.Reporting.Sections;

/// <summary>Section 4: how the customer features are distributed, before and after the log transform, and how they relate.</summary>
internal static class FeaturesSection
{
    internal const string Title = "Customer features";

    internal static void Write(Html html, ReportData data)
    {
        html.Why("Recency, frequency and monetary value describe how recently, how often and how much each customer buys. They are heavily skewed (a few wholesalers buy hundreds of times), so models see them after log(1 + x), which turns the long tails into comparable, roughly bell-shaped scales.");
        html.Raw("<div class=\"grid\">\n");
        foreach (var (column, label) in new[] { ("recency", "Recency (days)"), ("frequency", "Frequency (orders)"), ("monetary", $"Monetary ({data.Currency})") })
        {
            var values = data.Customers[column];
            var median = Median(values);
            html.Figure($"{label}: distribution", $"Histogram of {label.ToLowerInvariant()} over {Html.Number(values.Length)} customers; median {Html.Number(median, 1)}.",
                ChartFactory.Histogram($"{label}", values, label));
            var logged = values.Select(v => Math.Log(1 + Math.Max(0, v))).ToArray();
            html.Figure($"{label}: after log(1 + x)", $"Histogram of log(1 + {column}); the transformed values spread over {Html.Number(logged.Min(), 1)} to {Html.Number(logged.Max(), 1)}.",
                ChartFactory.Histogram($"log(1 + {column})", logged, $"log(1 + {label})"));
        }
        html.Raw("</div>\n");
        WriteCorrelations(html, data);
    }

    private static void WriteCorrelations(Html html, ReportData data)
    {
        var names = ReportDataLoader.FeatureColumns;
        var logged = names.ToDictionary(n => n, n => data.Customers[n].Select(v => Math.Log(1 + Math.Max(0, v))).ToArray());
        var rows = names.Select(a => (IReadOnlyList<string>)[a, .. names.Select(b => Html.Number(Pearson(logged[a], logged[b]), 2))]).ToList();
        html.Table(["Feature (log 1 + x)", .. names.Select(n => "#" + n)], rows,
            "Correlations (Pearson, on log(1 + x) values): 1 = move together, 0 = unrelated, -1 = opposite");
    }

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
