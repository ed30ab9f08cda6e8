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

/// <summary>One customer of a segment, as the explorer lists it.</summary>
public sealed record SegmentMember(string CustomerId, string? Country, double Recency, double Frequency, double Monetary, string? RfmSegment, double? Probability);

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
    public static SegmentMemberPage Find(SegmentaStore store, SegmentationKind segmentation, int segmentId, MemberQuery query)
    {
        if (!store.HasTable("customer_segments"))
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
                Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture), Convert.ToDouble(r.GetValue(4), CultureInfo.InvariantCulture),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetDouble(6));
        },
            ("segmentation", segmentation.Id()), ("segment", segmentId), ("country", query.Country), ("min_monetary", query.MinMonetary),
            ("max_recency", query.MaxRecency), ("search", string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim()),
            ("limit", (long)query.PageSize), ("offset", (long)(query.Page - 1) * query.PageSize));
        if (rows.Count == 0 && query.Page > 1)
        {
            total = Find(store, segmentation, segmentId, query with { Page = 1, PageSize = 1 }).Total;
        }
        return new SegmentMemberPage(rows, total, query);
    }

    /// <summary>The main countries of a segment's customers, most customers first.</summary>
    public static IReadOnlyList<string> Countries(SegmentaStore store, SegmentationKind segmentation, int segmentId) => !store.HasTable("customer_segments") ? [] : store.Query(
        """
        SELECT c.main_country FROM customer_segments m JOIN customers c USING (customer_id)
        WHERE m.segmentation = $s AND m.segment_id = $i AND c.main_country IS NOT NULL
        GROUP BY 1 ORDER BY count(*) DESC, 1
        """,
        r => r.GetString(0), ("s", segmentation.Id()), ("i", segmentId));
}
