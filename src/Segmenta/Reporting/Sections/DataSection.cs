namespace Segmenta.Reporting.Sections;

/// <summary>Section 2: where the data came from and what cleaning did to every line.</summary>
internal static class DataSection
{
    internal const string Title = "Data";

    internal static void Write(Html html, ReportData data)
    {
        html.Why("Every later number rests on these lines. Each line read is either loaded or quarantined with its reason, and each loaded line is kept or removed by exactly one named rule, so nothing disappears silently.");
        html.Table(["File", "Format", "#Size (MB)", "#Lines read", "#Loaded", "#Quarantined"],
            data.Imports.Select(i => (IReadOnlyList<string>)
            [
                i.SourceName, i.Format, Html.Number(i.SizeBytes / 1048576.0, 1), Html.Number(i.LinesRead), Html.Number(i.LinesLoaded), Html.Number(i.LinesQuarantined),
            ]), "Imported files");
        html.Paragraph($"Period: {data.Overview.FirstDate:yyyy-MM-dd HH:mm} to {data.Overview.LastDate:yyyy-MM-dd HH:mm}. Columns used: {string.Join("; ", data.Imports.Select(i => i.ColumnMap).Distinct())}.");
        if (data.QuarantineKinds.Count > 0)
        {
            html.Table(["Reason", "#Lines", "#First line"],
                data.QuarantineKinds.Select(q => (IReadOnlyList<string>)[q.Kind, Html.Number(q.Lines), q.FirstLine.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
                "Quarantined lines (table quarantine holds each line's text)");
        }
        html.Table(["Rule", "#Lines", $"#Revenue ({data.Currency})", "#Share of lines", "Why"],
            data.Cleaning.Select(r => (IReadOnlyList<string>)[r.Rule, Html.Number(r.Lines), Html.Number(r.Revenue, 2), Html.Percent(r.LineShare), r.Description]),
            $"Cleaning ({data.CleaningPreset} preset): lines and revenue removed by each rule, in the order applied");
        var removed = data.Cleaning.Where(r => r.Rule != "kept" && r.Lines > 0).OrderByDescending(r => r.Lines).ToList();
        if (removed.Count > 0)
        {
            html.Figure("Lines removed by each cleaning rule",
                $"Bar chart of lines removed per rule; the largest is {removed[0].Rule} with {Html.Number(removed[0].Lines)} lines.",
                ChartFactory.Bars("Lines removed by each cleaning rule", removed.Select(r => r.Rule).ToList(), removed.Select(r => (double)r.Lines).ToList(),
                    "Rule", "Lines removed", horizontal: true));
        }
    }
}
