using System.Globalization;
using System.Text;

namespace Segmenta.Recommending;

/// <summary>Writes recommendations.csv, recommendation-evaluation.csv, frequently-bought-together.csv and recommendation-new-picks.csv, and the terminal table.</summary>
public static class RecommendationOutputs
{
    /// <summary>Writes the four files into <paramref name="outputDirectory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(RecommendationResult result, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(outputDirectory);
        var lists = Path.Combine(outputDirectory, "recommendations.csv");
        var evaluation = Path.Combine(outputDirectory, "recommendation-evaluation.csv");
        var rules = Path.Combine(outputDirectory, "frequently-bought-together.csv");
        WriteLines(lists, "CustomerId,Rank,StockCode,Description,Score,Method,Kind,Reason", result.Recommendations.Select(r => string.Join(',',
            CsvCell.Text(r.CustomerId), r.Rank.ToString(CultureInfo.InvariantCulture), CsvCell.Text(r.StockCode), CsvCell.Text(r.Description),
            CsvCell.Number(r.Score, 6), r.Method.ToString(), KindName(r.Kind), CsvCell.Text(r.Reason))));
        WriteLines(evaluation,
            "Method,Setting,Customers,K,Precision,PrecisionLow,PrecisionHigh,Recall,RecallLow,RecallHigh,Map,MapLow,MapHigh,"
            + "Ndcg,NdcgLow,NdcgHigh,HitRate,HitRateLow,HitRateHigh,Coverage,IsDefault,Cutoff",
            result.Evaluation.Select(r => string.Join(',',
                r.Method.ToString(), r.Setting.ToString(), r.Customers.ToString(CultureInfo.InvariantCulture), r.K.ToString(CultureInfo.InvariantCulture),
                Interval(r.Precision), Interval(r.Recall), Interval(r.MeanAveragePrecision), Interval(r.Ndcg), Interval(r.HitRate),
                CsvCell.Number(r.Coverage, 4), r.Method == result.DefaultMethod ? "true" : "false",
                result.Cutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        WriteLines(rules, "StockCode,Description,Rank,OtherStockCode,OtherDescription,Orders,Support,Confidence,Lift",
            result.Associations.Select(a => string.Join(',',
                CsvCell.Text(a.StockCode), CsvCell.Text(a.Description), a.Rank.ToString(CultureInfo.InvariantCulture), CsvCell.Text(a.OtherStockCode),
                CsvCell.Text(a.OtherDescription), a.Orders.ToString(CultureInfo.InvariantCulture), CsvCell.Number(a.Support, 6),
                CsvCell.Number(a.Confidence, 4), CsvCell.Number(a.Lift, 3))));
        return [lists, evaluation, rules, NewPicksRecords.WriteCsv(result.NewPicksChoices, outputDirectory)];
    }

    /// <summary>The evaluation as a fixed-width text table with the choice and its margin, for the terminal.</summary>
    public static string FormatEvaluation(RecommendationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var k = result.Evaluation.Count > 0 ? result.Evaluation[0].K : 10;
        text.AppendLine(CultureInfo.InvariantCulture, $"Offline evaluation: trained up to {result.Cutoff:yyyy-MM-dd}, tested on later purchases; metrics at {k}, 95% bootstrap intervals.");
        foreach (var setting in (EvaluationSetting[])[EvaluationSetting.NewItems, EvaluationSetting.AllItems])
        {
            var rows = result.Evaluation.Where(r => r.Setting == setting).OrderByDescending(r => r.Precision.Value).ToList();
            if (rows.Count == 0)
            {
                continue;
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"{(setting == EvaluationSetting.NewItems ? "New items only" : "All items")} ({(rows[0].Sampled ? $"a sample of {rows[0].Customers:N0} of {rows[0].EligibleCustomers:N0} customers, by hashed id" : $"{rows[0].Customers:N0} customers")})");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {"Method",-20} {"Precision",-22} {"Recall",-8} {"MAP",-8} {"NDCG",-8} {"Hit rate",-9} {"Coverage",-8}");
            foreach (var r in rows)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  {r.Method,-20} {Short(r.Precision),-22} {r.Recall.Value,-8:0.0000} {r.MeanAveragePrecision.Value,-8:0.0000} {r.Ndcg.Value,-8:0.0000} {r.HitRate.Value,-9:0.000} {r.Coverage,-8:0.000}");
            }
        }
        foreach (var (setting, baselineMethod, margin) in new[]
        {
            (EvaluationSetting.NewItems, result.BestBaseline, result.MarginOverBaseline),
            (EvaluationSetting.AllItems, result.AllItemsBaseline, result.AllItemsMarginOverBaseline),
        })
        {
            var best = result.Row(result.DefaultMethod, setting);
            var baseline = result.Row(baselineMethod, setting);
            if (best is not null && baseline is not null)
            {
                var relative = baseline.Precision.Value > 0 ? $" ({best.Precision.Value / baseline.Precision.Value:0.00}x)" : "";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"Default: {result.DefaultMethod}, {(setting == EvaluationSetting.NewItems ? "new-items" : "all-items")} precision@{k} {best.Precision.Value:0.0000} vs {baseline.Precision.Value:0.0000} for {baselineMethod}{relative}; "
                    + $"difference {margin.Value:+0.0000;-0.0000;0.0000} [{margin.Low:0.0000;-0.0000;0.0000}, {margin.High:0.0000;-0.0000;0.0000}].");
            }
        }
        return text.ToString();
    }

    /// <summary>The kind as written to recommendations.csv and the store: "buy-again" or "new".</summary>
    public static string KindName(RecommendationKind kind) => kind == RecommendationKind.BuyAgain ? "buy-again" : "new";

    private static string Short(MetricInterval m) => string.Create(CultureInfo.InvariantCulture, $"{m.Value:0.0000} [{m.Low:0.0000}, {m.High:0.0000}]");

    private static string Interval(MetricInterval m) =>
        string.Join(',', CsvCell.Number(m.Value, 6), CsvCell.Number(m.Low, 6), CsvCell.Number(m.High, 6));

    private static void WriteLines(string path, string header, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine(header);
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }
}
