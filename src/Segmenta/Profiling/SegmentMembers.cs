using System.Globalization;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Profiling;

/// <summary>Columns a segment's customer list can be sorted by.</summary>
public enum MemberSort
{
    /// <summary>Net spend (monetary).</summary>
    Monetary,
    /// <summary>Days since the last purchase.</summary>
    Recency,
    /// <summary>Number of orders.</summary>
    Frequency,
    /// <summary>Customer id.</summary>
    Customer,
    /// <summary>Main country.</summary>
    Country,
}

/// <summary>What the explorer asks of a segment's customers; every filter is optional.</summary>
public sealed record MemberQuery
{
    /// <summary>Only customers whose main country is this.</summary>
    public string? Country { get; init; }

    /// <summary>Only customers who spent at least this (net).</summary>
    public decimal? MinMonetary { get; init; }

    /// <summary>Only customers who bought within this many days.</summary>
    public int? MaxRecency { get; init; }

    /// <summary>Only customers whose last purchase is on or after this day (active since).</summary>
    public DateOnly? LastPurchaseFrom { get; init; }

    /// <summary>Only customers whose last purchase is on or before this day (lapsed since).</summary>
    public DateOnly? LastPurchaseTo { get; init; }

    /// <summary>Only customers whose first purchase is on or after this day (acquired since).</summary>
    public DateOnly? FirstPurchaseFrom { get; init; }

    /// <summary>Only customers whose first purchase is on or before this day.</summary>
    public DateOnly? FirstPurchaseTo { get; init; }

    /// <summary>Part of a customer id (case-insensitive).</summary>
    public string? Search { get; init; }

    /// <summary>Sort column.</summary>
    public MemberSort Sort { get; init; } = MemberSort.Monetary;

    /// <summary>Descending when true (largest first).</summary>
    public bool Descending { get; init; } = true;

    /// <summary>Page number from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Rows per page.</summary>
    public int PageSize { get; init; } = 50;
}

/// <summary>One customer of a segment, as the explorer lists it (scores and dates as in customers.csv).</summary>
public sealed record SegmentMember(string CustomerId, string? Country, double Recency, double Frequency, double Monetary, string? RfmSegment, double? Probability,
    int? RScore, int? FScore, DateOnly? FirstPurchase, DateOnly? LastPurchase);

/// <summary>Whose customers a list shows: a segment of a segmentation, a cell of the RFM grid, or both at once.</summary>
/// <param name="Segmentation">rfm, kmeans or gmm; null = any customer.</param>
/// <param name="SegmentId">The segment of <paramref name="Segmentation"/>.</param>
/// <param name="RScore">Recency score 1..5 of the grid cell; null = any.</param>
/// <param name="FScore">Frequency score 1..5 of the grid cell; null = any.</param>
public sealed record MemberScope(SegmentationKind? Segmentation, int? SegmentId, int? RScore = null, int? FScore = null)
{
    /// <summary>The customers of one segment.</summary>
    public static MemberScope Segment(SegmentationKind segmentation, int segmentId) => new(segmentation, segmentId);

    /// <summary>The customers of one cell of the R × F grid.</summary>
    public static MemberScope RfmCell(int rScore, int fScore) => new(null, null, rScore, fScore);
}

/// <summary>A page of a segment's customers and how many match in all.</summary>
public sealed record SegmentMemberPage(IReadOnlyList<SegmentMember> Members, long Total, MemberQuery Query);

/// <summary>One cell of the RFM grid: customers with a recency score and a frequency score, and their net spend.</summary>
public sealed record RfmCell(int RScore, int FScore, long Customers, double Monetary);

/// <summary>
/// Reads for exploring segments (the dashboard's explorer): the R × F grid, a segment's customers with filters, sort
/// and paging, and the countries present in a segment.
/// </summary>
public static class SegmentMembers
{
    /// <summary>Customers and net spend per (R score, F score).</summary>
    public static IReadOnlyList<RfmCell> RfmGrid(SegmentaStore store) => !store.HasTable("customers") ? [] : store.Query(
        "SELECT r_score, f_score, count(*), coalesce(sum(monetary), 0)::DOUBLE FROM customers WHERE r_score IS NOT NULL AND f_score IS NOT NULL GROUP BY ALL ORDER BY ALL",
        r => new RfmCell(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), r.GetInt64(2), r.GetDouble(3)));

    /// <summary>The page of a segment's customers that the query asks for.</summary>
    public static SegmentMemberPage Find(SegmentaStore store, SegmentationKind segmentation, int segmentId, MemberQuery query) =>
        Find(store, MemberScope.Segment(segmentation, segmentId), query);

    /// <summary>The page of the scope's customers (a segment, an RFM grid cell) that the query asks for.</summary>
    public static SegmentMemberPage Find(SegmentaStore store, MemberScope scope, MemberQuery query)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(query);
        if (!store.HasTable("customer_segments") || !store.HasTable("customers"))
        {
            return new SegmentMemberPage([], 0, query);
        }
        var column = query.Sort switch
        {
            MemberSort.Recency => "c.recency",
            MemberSort.Frequency => "c.frequency",
            MemberSort.Customer => "c.customer_id",
            MemberSort.Country => "c.main_country",
            _ => "c.monetary",
        };
        var sql = SqlScripts.Get("Profiling/segment_members.sql").Replace("{order}", column + (query.Descending ? " DESC NULLS LAST" : " ASC NULLS LAST"), StringComparison.Ordinal);
        long total = 0;
        var rows = store.Query(sql, r =>
        {
            total = r.GetInt64(7);
            return new SegmentMember(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture),
                Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture), r.IsDBNull(4) ? double.NaN : Convert.ToDouble(r.GetValue(4), CultureInfo.InvariantCulture),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetDouble(6),
                r.IsDBNull(8) ? null : Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture), r.IsDBNull(9) ? null : Convert.ToInt32(r.GetValue(9), CultureInfo.InvariantCulture),
                r.IsDBNull(10) ? null : Day(r.GetValue(10)), r.IsDBNull(11) ? null : Day(r.GetValue(11)));
        },
            ("segmentation", scope.Segmentation?.Id()), ("segment", scope.SegmentId), ("r_score", scope.RScore), ("f_score", scope.FScore),
            ("country", query.Country), ("min_monetary", query.MinMonetary),
            ("max_recency", query.MaxRecency), ("search", string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim()),
            ("last_from", IsoDay(query.LastPurchaseFrom)), ("last_to", IsoDay(query.LastPurchaseTo)),
            ("first_from", IsoDay(query.FirstPurchaseFrom)), ("first_to", IsoDay(query.FirstPurchaseTo)),
            ("limit", (long)query.PageSize), ("offset", (long)(query.Page - 1) * query.PageSize));
        if (rows.Count == 0 && query.Page > 1)
        {
            total = Find(store, scope, query with { Page = 1, PageSize = 1 }).Total;
        }
        return new SegmentMemberPage(rows, total, query);
    }

    /// <summary>The main countries of a segment's customers, most customers first.</summary>
    public static IReadOnlyList<string> Countries(SegmentaStore store, SegmentationKind segmentation, int segmentId) => Countries(store, MemberScope.Segment(segmentation, segmentId));

    /// <summary>The main countries of the scope's customers, most customers first.</summary>
    public static IReadOnlyList<string> Countries(SegmentaStore store, MemberScope scope) =>
        scope is null || !store.HasTable("customer_segments") || !store.HasTable("customers") ? [] : store.Query(
        """
        SELECT c.main_country FROM customers c
        LEFT JOIN customer_segments m ON m.customer_id = c.customer_id AND m.segmentation = $s AND m.segment_id = $i
        WHERE ($s IS NULL OR m.customer_id IS NOT NULL) AND ($r IS NULL OR c.r_score = $r) AND ($f IS NULL OR c.f_score = $f)
          AND c.main_country IS NOT NULL
        GROUP BY 1 ORDER BY count(*) DESC, 1
        """,
        r => r.GetString(0), ("s", scope.Segmentation?.Id()), ("i", scope.SegmentId), ("r", scope.RScore), ("f", scope.FScore));

    /// <summary>The first and last purchase days of the whole customer base (the bounds of the explorer's date filters); null when none.</summary>
    public static (DateOnly First, DateOnly Last)? PurchaseDays(SegmentaStore store) => !store.HasTable("customers") ? null : store.Query(
        "SELECT min(first_purchase), max(last_purchase) FROM customers",
        r => r.IsDBNull(0) || r.IsDBNull(1) ? ((DateOnly, DateOnly)?)null : (Day(r.GetValue(0)), Day(r.GetValue(1)))).FirstOrDefault();

    private static string? IsoDay(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Day(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => DateOnly.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
    };
}
