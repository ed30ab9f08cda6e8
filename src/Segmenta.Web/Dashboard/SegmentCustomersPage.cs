using System.Globalization;
using Segmenta.Profiling;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>
/// A segment's (or an RFM grid cell's) customers: filter by country, spend, recency and date ranges on the last and
/// first purchase, search by id, sort, page, export as CSV; ids link to the Customer page.
/// </summary>
/// <remarks>
/// The date filters work on each customer's last and first purchase (customers.csv's last_purchase, first_purchase):
/// "last purchase from" finds customers active since a day, "last purchase to" those lapsed since a day, "first
/// purchase from/to" an acquisition period. They do not restrict the purchases counted: recency, orders and spend stay
/// those of the whole analysed period, so the numbers on the row match the segment that was scored from them.
/// </remarks>
internal static class SegmentCustomersPage
{
    internal const int PageSize = 50;

    /// <summary>What a list shows: whose customers, its title and its addresses.</summary>
    internal sealed record ListSource(MemberScope Scope, string Title, string Summary, string Path);

    /// <summary>The list of a segment, or null when the segmentation has no such segment.</summary>
    internal static ListSource? ForSegment(SegmentaStore store, SegmentationKind segmentation, int segmentId) =>
        SegmentCatalog.Segments(store, segmentation).FirstOrDefault(s => s.SegmentId == segmentId) is { } segment
            ? new ListSource(MemberScope.Segment(segmentation, segmentId), $"{segment.Name} ({segmentation.Id()})",
                $"{Page.N(segment.Customers)} customers, {Page.P(segment.RevenueShare)} of net sales. {segment.Action}",
                $"/explore/{segmentation.Id()}/{segmentId}")
            : null;

    /// <summary>The list of an R × F grid cell, or null when the scores are out of range or the cell is empty.</summary>
    internal static ListSource? ForCell(SegmentaStore store, int r, int f) =>
        SegmentMembers.RfmGrid(store).FirstOrDefault(c => c.RScore == r && c.FScore == f) is { } cell
            ? new ListSource(MemberScope.RfmCell(r, f), $"RFM cell R{r} F{f}",
                $"{Page.N(cell.Customers)} customers with recency score {r} and frequency score {f} (5 = best), {Page.N(cell.Monetary)} net spend.",
                $"/explore/cell/{r}/{f}")
            : null;

    /// <summary>The filters of the page's address; unparsable values are ignored (and said so).</summary>
    internal static (MemberQuery Query, List<string> Ignored) ReadQuery(IQueryCollection values, int pageSize)
    {
        var ignored = new List<string>();
        T? Parse<T>(string name, Func<string, T?> parse)
            where T : struct
        {
            var text = values[name].ToString().Trim();
            if (text.Length == 0)
            {
                return null;
            }
            var value = parse(text);
            if (value is null)
            {
                ignored.Add(name);
            }
            return value;
        }
        var query = new MemberQuery
        {
            Country = values["country"].ToString() is { Length: > 0 } country ? country : null,
            MinMonetary = Parse("min", t => decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v is > -1e12m and < 1e12m ? v : (decimal?)null),
            MaxRecency = Parse("recency", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : (int?)null),
            LastPurchaseFrom = Parse("last-from", ParseDay),
            LastPurchaseTo = Parse("last-to", ParseDay),
            FirstPurchaseFrom = Parse("first-from", ParseDay),
            FirstPurchaseTo = Parse("first-to", ParseDay),
            Search = values["q"].ToString() is { Length: > 0 } q ? q[..Math.Min(q.Length, 40)] : null,
            Sort = Enum.TryParse<MemberSort>(values["sort"].ToString(), ignoreCase: true, out var sort) ? sort : MemberSort.Monetary,
            Descending = values["order"].ToString() != "asc",
            Page = Parse("page", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v is >= 1 and <= 1_000_000 ? v : (int?)null) ?? 1,
            PageSize = pageSize,
        };
        return (query, ignored);
    }

    internal static string Render(SegmentaStore store, ListSource source, IQueryCollection values)
    {
        var (query, ignored) = ReadQuery(values, PageSize);
        var result = SegmentMembers.Find(store, source.Scope, query);
        var page = new Page(source.Title, "/explore");
        page.Raw($"<p><a href=\"/explore\">← All segments</a></p>\n");
        page.Paragraph(source.Summary);
        if (ignored.Count > 0)
        {
            page.Paragraph($"Ignored filters that are not valid numbers or days (YYYY-MM-DD): {string.Join(", ", ignored)}.", "error");
        }
        var countries = SegmentMembers.Countries(store, source.Scope);
        var days = SegmentMembers.PurchaseDays(store);
        string Day(string name, string label, string title) =>
            $"<label title=\"{title}\">{label}<input type=\"date\" name=\"{name}\" id=\"filter-{name}\" value=\"{Page.E(values[name].ToString())}\"{(days is { } d ? $" min=\"{d.First:yyyy-MM-dd}\" max=\"{d.Last:yyyy-MM-dd}\"" : "")}></label>";
        string Selected(bool yes) => yes ? " selected" : "";
        page.Raw($"""
            <form method="get" class="card filters" id="member-filters">
            <label>Country<select name="country" id="filter-country"><option value="">all</option>{string.Concat(countries.Select(c => $"<option{Selected(c == query.Country)}>{Page.E(c)}</option>"))}</select></label>
            <label>Net spend at least<input name="min" id="filter-min" inputmode="decimal" size="8" value="{Page.E(values["min"].ToString())}"></label>
            <label>Bought within (days)<input name="recency" id="filter-recency" inputmode="numeric" size="6" value="{Page.E(values["recency"].ToString())}"></label>
            {Day("last-from", "Last purchase from", "Customers whose last purchase is on or after this day (active since)")}
            {Day("last-to", "Last purchase to", "Customers whose last purchase is on or before this day (lapsed since)")}
            {Day("first-from", "First purchase from", "Customers acquired on or after this day")}
            {Day("first-to", "First purchase to", "Customers acquired on or before this day")}
            <label>Customer id<input name="q" id="filter-search" size="10" value="{Page.E(query.Search)}"></label>
            <label>Sort by<select name="sort" id="filter-sort">{string.Concat(Enum.GetValues<MemberSort>().Select(s => $"<option value=\"{s.ToString().ToLowerInvariant()}\"{Selected(s == query.Sort)}>{s.ToString().ToLowerInvariant()}</option>"))}</select></label>
            <label>Order<select name="order"><option value="desc">largest first</option><option value="asc"{Selected(!query.Descending)}>smallest first</option></select></label>
            <button type="submit" id="filter-apply">Apply</button>
            </form>
            """);
        page.Raw("<p class=\"note\">Dates filter on each customer's last and first purchase; recency, orders and spend stay those of the whole analysed period.</p>\n");
        var filters = Filters(query);
        var export = $"{source.Path}/customers.csv{(filters.Length == 0 ? "" : "?" + filters)}";
        page.Raw($"<p class=\"note\" id=\"member-count\">{Page.N(result.Total)} matching customers · <a href=\"{Page.E(export)}\" id=\"member-export\">Download as CSV</a></p>\n");
        page.Raw("<div class=\"scroll\"><table id=\"members\"><thead><tr>");
        page.Raw(SortHeader("Customer", MemberSort.Customer, query, filters, false) + SortHeader("Country", MemberSort.Country, query, filters, false)
            + SortHeader("Recency (days)", MemberSort.Recency, query, filters, true) + SortHeader("Orders", MemberSort.Frequency, query, filters, true)
            + SortHeader("Net spend", MemberSort.Monetary, query, filters, true) + "<th>Last purchase</th><th>RFM segment</th><th class=\"n\">Probability</th></tr></thead><tbody>\n");
        foreach (var m in result.Members)
        {
            page.Raw($"<tr><td><a href=\"/customers?id={Uri.EscapeDataString(m.CustomerId)}\">{Page.E(m.CustomerId)}</a></td><td>{Page.E(m.Country)}</td>"
                + $"<td class=\"n\">{Page.N(m.Recency)}</td><td class=\"n\">{Page.N(m.Frequency)}</td><td class=\"n\">{Page.N(m.Monetary, 2)}</td>"
                + $"<td>{m.LastPurchase:yyyy-MM-dd}</td><td>{Page.E(m.RfmSegment)}{(m.RScore is { } r && m.FScore is { } f ? $" <small>R{r} F{f}</small>" : "")}</td><td class=\"n\">{(m.Probability is { } p ? Page.P(p) : "")}</td></tr>\n");
        }
        page.Raw("</tbody></table></div>\n");
        var pages = Math.Max(1, (int)Math.Ceiling(result.Total / (double)PageSize));
        var here = $"{source.Path}?{filters}{(filters.Length == 0 ? "" : "&")}";
        page.Raw("<p class=\"pager\">");
        if (query.Page > 1)
        {
            page.Raw($"<a href=\"{Page.E(here)}page={query.Page - 1}\" id=\"page-previous\">← Previous</a> ");
        }
        page.Raw($"Page {Math.Min(query.Page, pages)} of {pages}");
        if (query.Page < pages)
        {
            page.Raw($" <a href=\"{Page.E(here)}page={query.Page + 1}\" id=\"page-next\">Next →</a>");
        }
        page.Raw("</p>\n");
        return page.Render();
    }

    /// <summary>The CSV of every customer matching the filters (no paging).</summary>
    internal static string Csv(SegmentaStore store, MemberScope scope, IQueryCollection values)
    {
        var (query, _) = ReadQuery(values, int.MaxValue);
        var result = SegmentMembers.Find(store, scope, query with { Page = 1 });
        var csv = new System.Text.StringBuilder("CustomerId,Country,Recency,Frequency,Monetary,RfmSegment,Probability,RScore,FScore,FirstPurchase,LastPurchase\n");
        foreach (var m in result.Members)
        {
            csv.Append(CsvCell.Text(m.CustomerId)).Append(',').Append(CsvCell.Text(m.Country)).Append(',')
                .Append(CsvCell.Number(m.Recency, 0)).Append(',').Append(CsvCell.Number(m.Frequency, 0)).Append(',').Append(CsvCell.Number(m.Monetary, 2)).Append(',')
                .Append(CsvCell.Text(m.RfmSegment)).Append(',').Append(m.Probability is { } p ? CsvCell.Number(p, 4) : "").Append(',')
                .Append(m.RScore?.ToString(CultureInfo.InvariantCulture)).Append(',').Append(m.FScore?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(m.FirstPurchase?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(m.LastPurchase?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        }
        return csv.ToString();
    }

    private static DateOnly? ParseDay(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string SortHeader(string label, MemberSort sort, MemberQuery query, string filters, bool numeric)
    {
        var descending = query.Sort == sort ? !query.Descending : numeric;
        var rest = string.Join("&", filters.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(f => !f.StartsWith("sort=", StringComparison.Ordinal) && !f.StartsWith("order=", StringComparison.Ordinal)));
        var href = $"?{rest}{(rest.Length == 0 ? "" : "&")}sort={sort.ToString().ToLowerInvariant()}&order={(descending ? "desc" : "asc")}";
        var mark = query.Sort == sort ? (query.Descending ? " ▼" : " ▲") : "";
        return $"<th{(numeric ? " class=\"n\"" : "")}><a href=\"{Page.E(href)}\">{Page.E(label)}{mark}</a></th>";
    }

    private static string Filters(MemberQuery query)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("country", query.Country);
        Add("min", query.MinMonetary?.ToString(CultureInfo.InvariantCulture));
        Add("recency", query.MaxRecency?.ToString(CultureInfo.InvariantCulture));
        Add("last-from", query.LastPurchaseFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("last-to", query.LastPurchaseTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("first-from", query.FirstPurchaseFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("first-to", query.FirstPurchaseTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("q", query.Search);
        Add("sort", query.Sort == MemberSort.Monetary ? null : query.Sort.ToString().ToLowerInvariant());
        Add("order", query.Descending ? null : "asc");
        return string.Join("&", parts);
    }
}
