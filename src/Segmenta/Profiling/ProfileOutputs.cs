using System.Globalization;
using System.Text;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Profiling;

/// <summary>Writes segments.csv, insights.md and the activation lists of the profiled segmentations.</summary>
public static class ProfileOutputs
{
    private static readonly string[] KeyFeatures = ["recency", "frequency", "monetary", "average_order_value", "tenure_days", "distinct_products", "return_rate"];

    /// <summary>One row per segment of every segmentation: sizes, revenue shares, feature means and indexes, explanation, action.</summary>
    public static string WriteSegments(IReadOnlyList<ProfiledSegmentation> results, string directory)
    {
        var path = Path.Combine(directory, "segments.csv");
        var csv = new StringBuilder("Segmentation,SegmentId,Name,Customers,CustomerShare,Revenue,RevenueShare,RevenuePerCustomer,ReturnsRate,Top20RevenueShare,OneTimeShare,MedianDaysBetweenPurchases,TotalClv,MeanClv,ClvIndex,HighChurnRiskShare");
        foreach (var f in KeyFeatures)
        {
            csv.Append(CultureInfo.InvariantCulture, $",Mean_{f},Index_{f}");
        }
        csv.Append(",Explanation,ExplanationFidelity,Action,ActionReasoning\n");
        foreach (var result in results)
        {
            foreach (var s in result.Segments)
            {
                var p = s.Profile;
                csv.Append(string.Join(',', CsvCell.Text(result.Segmentation.Id()), p.SegmentId.ToString(CultureInfo.InvariantCulture), CsvCell.Text(s.Name),
                    p.Customers.ToString(CultureInfo.InvariantCulture), CsvCell.Number(p.CustomerShare, 4), CsvCell.Number(p.Revenue), CsvCell.Number(p.RevenueShare, 4),
                    CsvCell.Number(p.RevenuePerCustomer), CsvCell.Number(p.ReturnsRate, 4), CsvCell.Number(p.Top20RevenueShare, 4),
                    CsvCell.Number(p.OneTimeShare, 4), CsvCell.Number(p.MedianOf("median_days_between_purchases"), 1),
                    CsvCell.Number(p.Value?.TotalClv ?? double.NaN), CsvCell.Number(p.Value?.MeanClv ?? double.NaN), CsvCell.Number(p.Value?.ClvIndex ?? double.NaN, 3),
                    CsvCell.Number(p.Value?.HighChurnRiskShare ?? double.NaN, 4)));
                foreach (var f in KeyFeatures)
                {
                    csv.Append(',').Append(CsvCell.Number(p.MeanOf(f), 4)).Append(',').Append(CsvCell.Number(p.IndexOf(f), 3));
                }
                csv.Append(',').Append(CsvCell.Text(s.Explanation.Rule)).Append(',').Append(CsvCell.Number(s.Explanation.Fidelity, 3))
                   .Append(',').Append(CsvCell.Text(s.Action.Action)).Append(',').Append(CsvCell.Text(s.Action.Reasoning)).Append('\n');
            }
        }
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        return path;
    }

    /// <summary>The insights and actions as Markdown prose with a table per segmentation.</summary>
    public static string WriteInsights(IReadOnlyList<ProfiledSegmentation> results, string directory, string currency)
    {
        var path = Path.Combine(directory, "insights.md");
        var md = new StringBuilder("# Segments: insights and actions\n");
        foreach (var result in results)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {result.Segmentation.Title()}\n\n");
            foreach (var insight in result.Insights)
            {
                md.Append("- ").Append(Escape(insight)).Append('\n');
            }
            md.Append("\n| Segment | Customers | Revenue | Who they are | Fidelity | Action |\n|---|---|---|---|---|---|\n");
            foreach (var s in result.Segments)
            {
                md.Append(CultureInfo.InvariantCulture,
                    $"| {s.Profile.SegmentId}: {Escape(s.Name)} | {s.Profile.Customers:N0} ({Pct(s.Profile.CustomerShare)}) | {(double.IsFinite(s.Profile.Revenue) ? $"{currency}{s.Profile.Revenue:N0} ({Pct(s.Profile.RevenueShare)})" : "")} | {Escape(s.Explanation.Rule)} | {Pct(s.Explanation.Fidelity, 0)} | {Escape(s.Action.Action)} |\n");
            }
            md.Append(CultureInfo.InvariantCulture, $"\nThe rules come from a depth-limited decision tree that agrees with the segmentation for {Pct(result.ExplanationFidelity, 0)} of customers; Fidelity is the share of the segment's customers the tree gives back to it.\n");
            md.Append("\nWhy these actions:\n\n");
            foreach (var s in result.Segments)
            {
                md.Append(CultureInfo.InvariantCulture, $"- **{Escape(s.Name)}**: {Escape(s.Action.Reasoning)}.\n");
            }
        }
        File.WriteAllText(path, md.ToString(), new UTF8Encoding(false));
        return path;
    }

    private const string ActivationColumns = "CustomerId,Country,Recency,Frequency,Monetary,AverageOrderValue,LastPurchase,RfmSegment,Probability";

    /// <summary>
    /// The activation lists' header: with a stored lifetime run the customer's PAlive, CLV at the longest horizon and
    /// churn risk (as in customers.csv) come before the segment and its action.
    /// </summary>
    private static string ActivationHeader(int? clvHorizon) =>
        ActivationColumns + (clvHorizon is { } h ? $",PAlive,Clv{h}d,ChurnRisk" : "") + ",Segment,SuggestedAction\n";

    /// <summary>The longest CLV horizon of the stored lifetime run, or null when there is none.</summary>
    private static int? ClvHorizon(SegmentaStore store) =>
        store.HasTable("customer_clv_horizons") && Lifetime.LifetimeTables.Horizons(store) is { Count: > 0 } horizons ? horizons.Max() : null;

    /// <summary>One segment's activation list as CSV text (as in out/activation/), or null when the segment does not exist.</summary>
    public static string? ActivationCsv(SegmentaStore store, SegmentationKind segmentation, int segmentId, ActivationOrder order = ActivationOrder.Monetary)
    {
        var segment = store.HasTable("segment_catalog")
            ? store.Query("SELECT name, action FROM segment_catalog WHERE segmentation = $s AND segment_id = $i",
                r => (Name: r.GetString(0), Action: r.GetString(1)), ("s", segmentation.Id()), ("i", segmentId)).FirstOrDefault()
            : default;
        if (segment.Name is null)
        {
            return null;
        }
        var horizon = ClvHorizon(store);
        var csv = new StringBuilder(ActivationHeader(horizon));
        var suffix = "," + CsvCell.Text(segment.Name) + "," + CsvCell.Text(segment.Action) + "\n";
        foreach (var row in MemberRows(store, segmentation, horizon, order)[segmentId])
        {
            csv.Append(row).Append(suffix);
        }
        return csv.ToString();
    }

    private static ILookup<int, string> MemberRows(SegmentaStore store, SegmentationKind segmentation, int? clvHorizon, ActivationOrder order)
    {
        // CLV columns rounded as customers.csv rounds them; without a lifetime run there are none and CLV order is monetary order.
        var (clvColumns, clvJoin) = clvHorizon is { } h
            ? (", round(v.p_alive, 6)::DECIMAL(18, 6), round(vh.clv, 2)::DECIMAL(18, 2), v.churn_risk",
                $"LEFT JOIN customer_clv v USING (customer_id) LEFT JOIN customer_clv_horizons vh ON vh.customer_id = c.customer_id AND vh.horizon_days = {h}")
            : ("", "");
        var orderBy = order == ActivationOrder.Clv && clvHorizon is not null ? "vh.clv DESC NULLS LAST, c.monetary DESC" : "c.monetary DESC";
        return store.Query(
        $"""
        SELECT m.segment_id, c.customer_id, c.main_country, c.recency, c.frequency, c.monetary, c.average_order_value, c.last_purchase, c.rfm_segment, m.probability{clvColumns}
        FROM customer_segments m JOIN customers c USING (customer_id) {clvJoin}
        WHERE m.segmentation = $s
        ORDER BY m.segment_id, {orderBy}, c.customer_id
        """,
        r =>
        {
            var row = string.Join(',', CsvCell.Text(r.GetString(1)), CsvCell.Text(r.IsDBNull(2) ? null : r.GetString(2)),
                r.GetInt64(3).ToString(CultureInfo.InvariantCulture), r.GetInt64(4).ToString(CultureInfo.InvariantCulture), r.IsDBNull(5) ? "" : CsvCell.Number(r.GetDouble(5)),
                r.IsDBNull(6) ? "" : CsvCell.Number(r.GetDouble(6)), r.GetDateTime(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CsvCell.Text(r.IsDBNull(8) ? null : r.GetString(8)),
                r.IsDBNull(9) ? "" : CsvCell.Number(r.GetDouble(9), 4));
            if (clvHorizon is not null)
            {
                row += "," + string.Join(',', Decimal(r, 10), Decimal(r, 11), CsvCell.Text(r.IsDBNull(12) ? null : r.GetString(12)));
            }
            return (Segment: r.GetInt32(0), Row: row);
        },
        ("s", segmentation.Id())).ToLookup(m => m.Segment, m => m.Row);
    }

    private static string Decimal(System.Data.Common.DbDataReader r, int i) =>
        r.IsDBNull(i) ? "" : r.GetDecimal(i).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One CSV per segment of the segmentation under DIR/activation/ (the primary segmentation) or
    /// DIR/activation/rfm/ (the RFM segments when clusters are primary), ready for a campaign tool.
    /// </summary>
    public static IReadOnlyList<string> WriteActivation(SegmentaStore store, ProfiledSegmentation result, string directory, bool primary = true,
        ActivationOrder order = ActivationOrder.Monetary)
    {
        var folder = primary ? Path.Combine(directory, "activation") : Path.Combine(directory, "activation", result.Segmentation.Id());
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.GetFiles(folder, "*.csv"))
        {
            File.Delete(old);
        }
        var horizon = ClvHorizon(store);
        var members = MemberRows(store, result.Segmentation, horizon, order);
        var paths = new List<string>();
        foreach (var s in result.Segments)
        {
            var path = Path.Combine(folder, $"{s.Profile.SegmentId:00}-{Slug(s.Name)}.csv");
            var csv = new StringBuilder(ActivationHeader(horizon));
            var suffix = "," + CsvCell.Text(s.Name) + "," + CsvCell.Text(s.Action.Action) + "\n";
            foreach (var row in members[s.Profile.SegmentId])
            {
                csv.Append(row).Append(suffix);
            }
            File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
            paths.Add(path);
        }
        return paths;
    }

    internal static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        var text = slug.ToString();
        while (text.Contains("--", StringComparison.Ordinal))
        {
            text = text.Replace("--", "-", StringComparison.Ordinal);
        }
        return text.Trim('-') is { Length: > 0 } s ? s : "segment";
    }

    private static string Pct(double share, int decimals = 1) => PercentText.Format(share, decimals);

    private static string Escape(string text) => TextEscape.Markdown(text);
}
