using System.Globalization;
using Segmenta.Recommending;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary>The offline evaluation of the recommenders as terminal tables (one per setting) and the default's margin.</summary>
internal static class RecommendationPrinter
{
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    internal static void Print(RecommendationResult result)
    {
        foreach (var setting in (EvaluationSetting[])[EvaluationSetting.NewItems, EvaluationSetting.AllItems])
        {
            var rows = result.Evaluation.Where(r => r.Setting == setting).OrderByDescending(r => r.Precision.Value).ToList();
            if (rows.Count == 0)
            {
                continue;
            }
            var k = rows[0].K;
            var title = $"Recommenders, {(setting == EvaluationSetting.NewItems ? "new items only" : "all items")}: trained to {result.Cutoff:yyyy-MM-dd}, {(rows[0].Sampled ? $"a sample of {rows[0].Customers:N0} of {rows[0].EligibleCustomers:N0} customers (by hashed id)" : $"{rows[0].Customers:N0} customers")}, @{k}";
            var table = new Table().Title(title).AddColumns("Method", "Precision [[95% CI]]", "Recall", "MAP", "NDCG", "Hit rate", "Coverage");
            foreach (var r in rows)
            {
                var name = r.Method == result.DefaultMethod ? $"[bold]{r.Method}[/] (default)" : r.Method.ToString();
                table.AddRow(name, $"{F(r.Precision.Value)} [[{F(r.Precision.Low)}, {F(r.Precision.High)}]]", F(r.Recall.Value), F(r.MeanAveragePrecision.Value),
                    F(r.Ndcg.Value), F(r.HitRate.Value), F(r.Coverage));
            }
            Terminal.Out.Write(table);
        }
        foreach (var (setting, baselineMethod, margin) in new[]
        {
            (EvaluationSetting.NewItems, result.BestBaseline, result.MarginOverBaseline),
            (EvaluationSetting.AllItems, result.AllItemsBaseline, result.AllItemsMarginOverBaseline),
        })
        {
            if (result.Row(result.DefaultMethod, setting) is { } best && result.Row(baselineMethod, setting) is { } baseline && baseline.Precision.Value > 0)
            {
                Terminal.Out.MarkupLine(string.Create(Numbers,
                    $"Default recommender: [bold]{result.DefaultMethod}[/], {(setting == EvaluationSetting.NewItems ? "new-items" : "all-items")} precision {F(best.Precision.Value)} = {best.Precision.Value / baseline.Precision.Value:0.00}x the best baseline ({baselineMethod}, {F(baseline.Precision.Value)}); difference {margin.Value:+0.0000;-0.0000;0.0000} [[{margin.Low:0.0000;-0.0000;0.0000}, {margin.High:0.0000;-0.0000;0.0000}]]."));
            }
        }
        if (result.NewPicks.Length > 0)
        {
            Terminal.Out.WriteLine(result.NewPicks);
        }
        if (result.Timings.Count > 0)
        {
            Terminal.Out.WriteLine("Recommending, by part: " + string.Join(" · ", result.Timings.Select(t => string.Create(Numbers, $"{t.Step} {t.Elapsed.TotalSeconds:0.00} s"))));
        }
    }

    private static string F(double value) => value.ToString("0.000", Numbers);
}
