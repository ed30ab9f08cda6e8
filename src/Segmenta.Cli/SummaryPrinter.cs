using System.Globalization;
using Segmenta.Cleaning;
using Segmenta.Loading;
using Segmenta.Pipeline;
using Segmenta.Segmentation;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary>The tables printed at the end of a command.</summary>
internal static class SummaryPrinter
{
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    internal static void PrintImports(IEnumerable<ImportResult> imports)
    {
        var table = new Table().Title("Import").AddColumns("File", "Lines read", "Loaded", "Quarantined", "Detected");
        foreach (var import in imports)
        {
            table.AddRow(Markup.Escape(SafeText.Clip(import.SourceName, 60)), N(import.LinesRead), N(import.LinesLoaded), N(import.LinesQuarantined), Markup.Escape(Detected(import)));
        }
        Terminal.Out.Write(table);
        foreach (var import in imports.Where(i => !i.AlreadyImported))
        {
            var rate = import.LinesPerSecond > 0 ? $", {N((long)import.LinesPerSecond)} lines/s" : "";
            Terminal.Out.MarkupLine($"[grey]Columns: {Markup.Escape(SafeText.Clip(import.ColumnMap))} (read in {import.Elapsed.TotalSeconds.ToString("0.00", Numbers)} s{rate})[/]");
        }
    }

    /// <summary>What the import decided about the file, in one cell.</summary>
    private static string Detected(ImportResult import)
    {
        if (import.AlreadyImported)
        {
            return "already imported: nothing added";
        }
        var parts = new List<string?>
        {
            import.Format, import.Encoding, import.Delimiter is null ? null : import.Delimiter.Length == 1 ? $"delimiter '{import.Delimiter}'" : $"delimiter {import.Delimiter}",
            import.HasHeader ? null : "no header (columns by position)",
            $"dates {import.DateOrder}", $"decimal {import.DecimalStyle}",
            import.ReplacedImportId is { } old ? $"replaced import {old}" : null,
        };
        return string.Join(", ", parts.Where(s => s is not null));
    }

    /// <summary>No line of a file could be loaded: the import table, the top reasons with an example each, and the fix.</summary>
    internal static void PrintNothingLoaded(NothingLoadedException e)
    {
        PrintImports([e.Import]);
        if (e.Reasons.Count > 0)
        {
            var reasons = new Table().Title("Why lines were quarantined").AddColumns("Reason", "Lines", "First example");
            foreach (var reason in e.Reasons)
            {
                reasons.AddRow(Markup.Escape(reason.ExampleReason), N(reason.Lines),
                    Markup.Escape($"line {reason.ExampleLine.ToString(Numbers)}: {SafeText.Clip(reason.ExampleText, 100)}"));
            }
            Terminal.Out.Write(reasons);
        }
        var what = e.Import.LinesRead == 0
            ? $"{e.Import.SourceName} has no data lines."
            : $"No line of {e.Import.SourceName} could be loaded; nothing was recorded, so running again with corrected options imports it.";
        CommandRunner.PrintError($"{what} {e.Hint}");
        if (e.QuarantineFile is { } file)
        {
            Console.Error.WriteLine($"Every quarantined line: {file}");
        }
    }

    internal static void PrintAnalysis(AnalysisResult result)
    {
        if (result.Imports.Count > 0)
        {
            PrintImports(result.Imports);
        }
        var cleaning = new Table().Title($"Cleaning ({CleaningOptions.Id(result.Cleaning.Preset)} preset)")
            .AddColumns("Rule", "Lines", "Share of lines", "Revenue", "Share of revenue");
        foreach (var row in result.Cleaning.Rows)
        {
            cleaning.AddRow(row.Rule, N(row.Lines), Share(row.LineShare), row.Revenue?.ToString("N2", Numbers) ?? "",
                (row.RevenueShare is { } revenueShare ? Share(revenueShare) : ""));
        }
        cleaning.AddRow("[grey]quarantined at load[/]", N(result.Cleaning.LinesQuarantined), "", "", "");
        Terminal.Out.Write(cleaning);
        var money = result.Cleaning.Money;
        if (result.Cleaning.AmountNote is { } noAmount)
        {
            Terminal.Out.MarkupLine($"[yellow]note:[/] {Markup.Escape(noAmount)}");
        }
        else
        {
            Terminal.Out.MarkupLine(Markup.Escape($"Money: {money.Reconciliation(Numbers)}."));
        }
        if (money.RefundLinesWithoutPurchase > 0)
        {
            Terminal.Out.MarkupLine(Markup.Escape($"note: {N(money.RefundLinesWithoutPurchase)} refund lines ({money.RefundsWithoutPurchase.ToString("N2", Numbers)}) belong to customers with no kept purchase: in no customer's Monetary."));
        }
        if (money.FreeOnlyCustomers > 0)
        {
            Terminal.Out.MarkupLine(Markup.Escape($"note: {N(money.FreeOnlyCustomers)} customers received only free items: kept, with Monetary 0."));
        }

        var features = result.Features;
        var segments = new Table().Title($"RFM segments ({N(features.Customers)} customers, as of {features.AsOf:yyyy-MM-dd})")
            .AddColumns("Segment", "Customers", "Share", "Net sales");
        foreach (var (segment, customers, revenue) in features.SegmentSizes)
        {
            segments.AddRow(Markup.Escape(segment), N(customers), Share((double)customers / Math.Max(1, features.Customers)), Money(revenue));
        }
        Terminal.Out.Write(segments);
        foreach (var note in features.Notes)
        {
            Terminal.Out.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
        if (result.Exploration is { } exploration)
        {
            PrintExploration(exploration);
        }
        PrintClusters(result.Clusters, result.Segmentations);
        if (result.Recommendations is { } recommendations)
        {
            RecommendationPrinter.Print(recommendations);
        }
        foreach (var note in result.Notes)
        {
            Terminal.Out.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
        Terminal.Out.MarkupLine(double.IsFinite(features.MonetarySum)
            ? $"Lines kept {N(result.Cleaning.LinesKept)} of {N(result.Cleaning.LinesLoaded)} loaded; net sales {features.MonetarySum.ToString("N2", Numbers)}."
            : $"Lines kept {N(result.Cleaning.LinesKept)} of {N(result.Cleaning.LinesLoaded)} loaded; no amount, so no net sales.");
        if (result.OutputFiles.FirstOrDefault(f => Path.GetFileName(f) == "quarantine.csv") is { } quarantine)
        {
            Terminal.Out.MarkupLine($"Quarantined lines ({N(result.Cleaning.LinesQuarantined)}): {Markup.Escape(quarantine)}");
        }
        Terminal.Out.MarkupLine($"Wrote {string.Join(", ", result.OutputFiles.Select(f => Markup.Escape(f)))} and the database {Markup.Escape(result.DatabasePath)} in {result.Elapsed.TotalSeconds.ToString("0.00", Numbers)} s.");
    }

    internal static void PrintExploration(Exploration.ExplorationResult result)
    {
        var revenue = result.Monthly.Sum(m => m.Revenue);
        var orders = result.Monthly.Sum(m => m.Orders);
        var table = new Table().Title("Exploration").AddColumns("", "");
        if (!result.HasAmounts)
        {
            // No amount in the file: counts only (the note says which analyses were skipped).
            table.AddRow("Orders", N(orders));
            table.AddRow("Customers", $"{N(result.Customers.Customers)} ({Share(result.Customers.RepeatShare)} bought more than once)");
            if (result.Monthly.Count > 0 && result.Monthly.MaxBy(m => m.Orders) is { } busiest)
            {
                table.AddRow("Busiest month", $"{busiest.Month:yyyy-MM}: {N(busiest.Orders)} orders, {N(busiest.ActiveCustomers)} customers");
            }
            table.AddRow("Top products (customers)", Markup.Escape(string.Join("; ", result.TopProducts
                .Where(p => p.Ranking == Exploration.ProductRanking.Customers).Take(3).Select(p => p.Description ?? p.StockCode))));
            Terminal.Out.Write(table);
            return;
        }
        table.AddRow("Sales of kept lines", revenue.ToString("N2", Numbers));
        table.AddRow("Orders", N(orders));
        table.AddRow("Customers", $"{N(result.Customers.Customers)} ({Share(result.Customers.RepeatShare)} bought more than once)");
        if (result.BestMonth is { } best)
        {
            table.AddRow("Best month", $"{best.Month:yyyy-MM}: {best.Revenue.ToString("N2", Numbers)}");
        }
        table.AddRow("Top products (revenue)", Markup.Escape(string.Join("; ", result.TopProducts
            .Where(p => p.Ranking == Exploration.ProductRanking.Revenue).Take(3).Select(p => p.Description ?? p.StockCode))));
        table.AddRow("Top country", result.Countries.Count == 0 ? "" : Markup.Escape($"{result.Countries[0].Country} ({Share(result.Countries[0].RevenueShare)} of revenue)"));
        Terminal.Out.Write(table);
    }

    internal static void PrintResegment(ResegmentResult result)
    {
        PrintClusters(result.Clusters, result.Segmentations);
        foreach (var note in result.Notes)
        {
            Terminal.Out.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
        Terminal.Out.MarkupLine($"Wrote {string.Join(", ", result.OutputFiles.Select(f => Markup.Escape(f)))} in {result.Elapsed.TotalSeconds.ToString("0.00", Numbers)} s.");
        Terminal.Out.MarkupLine($"[grey]Steps: {Markup.Escape(string.Join(", ", result.Steps.Select(s => $"{s.Step} {s.Elapsed.TotalSeconds.ToString("0.00", Numbers)} s")))}[/]");
    }

    internal static void PrintClusters(Segmentation.SegmentationResult? clusters, IReadOnlyList<Profiling.ProfiledSegmentation> segmentations)
    {
        if (clusters is null || segmentations.FirstOrDefault(s => s.Segmentation.IsClustering()) is not { } profiled)
        {
            return;
        }
        var table = new Table().Title($"Segments ({profiled.Segmentation.Id()}, k={clusters.K})")
            .AddColumns("Segment", "Name", "Customers", "Share of net sales", "Playbook");
        foreach (var segment in profiled.Segments.OrderBy(s => s.Profile.SegmentId))
        {
            table.AddRow(segment.Profile.SegmentId.ToString(Numbers), Markup.Escape(segment.Name), N(segment.Profile.Customers),
                double.IsFinite(segment.Profile.RevenueShare) ? Share(segment.Profile.RevenueShare) : "", Markup.Escape(segment.Action.PlaybookEntry));
        }
        Terminal.Out.Write(table);
        if (clusters.Selection is { } selection)
        {
            Terminal.Out.MarkupLine($"[grey]Why {clusters.K} segments:[/] {Markup.Escape(selection.Explanation)}");
        }
    }

    private static string N(long value) => value.ToString("N0", Numbers);

    /// <summary>Money, empty when not defined (no amount in the file).</summary>
    private static string Money(double value) => double.IsFinite(value) ? Rounding.NoNegativeZero(value, 2).ToString("N2", Numbers) : "";

    /// <summary>A share as a percentage with one decimal; a residue that rounds to zero prints as 0.0 %, never -0.0 %.</summary>
    private static string Share(double share) => double.IsFinite(share) ? Rounding.NoNegativeZero(share * 100, 1).ToString("F1", Numbers) + " %" : "";
}
