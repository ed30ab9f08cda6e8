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
        html.Table(["Rule", "#Lines", "#Share of lines", $"#Revenue ({data.Currency})", "#Share of revenue", "Why"],
            data.Cleaning.Select(r => (IReadOnlyList<string>)
            [
                r.Rule, Html.Number(r.Lines), Html.Percent(r.LineShare), r.Revenue is { } revenue ? Html.Number((double)revenue, 2) : "",
                r.RevenueShare is { } share ? Html.Percent(share) : "", r.Description,
            ]),
            $"Cleaning ({data.CleaningPreset} preset): lines and revenue of each rule, in the order applied; revenue is the sum of the lines' amounts, its share is of all loaded revenue (cancellations negative)");
        if (!data.HasAmounts)
        {
            html.Paragraph("Money: the lines have no amount (see the summary), so the revenue columns are empty and the rules that compare money or quantities claim no line.");
        }
        else if (data.CleaningMoney is { } money)
        {
            html.Paragraph($"Money: {data.Currency}{money.Reconciliation()} (the sum of Monetary over customers)."
                + (money.RefundLinesWithoutPurchase > 0
                    ? $" {Html.Number(money.RefundLinesWithoutPurchase)} refund lines ({data.Currency}{money.RefundsWithoutPurchase:N2}) belong to customers with no kept purchase and are in no customer's Monetary."
                    : "")
                + (money.FreeOnlyCustomers > 0
                    ? $" {Html.Number(money.FreeOnlyCustomers)} customers received only free items: they are kept, with Monetary 0."
                    : ""));
        }
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
