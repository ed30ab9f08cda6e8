using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Segmenta.Tests.Pipeline;

namespace Segmenta.Tests.Web;

/// <summary>The segment explorer and the product search (issue 18), in-process over the real run's database.</summary>
[Collection(ClassicRunCollection.Name)]
public sealed partial class ExplorerTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;
    private readonly ClassicRunFixture _run;

    public ExplorerTests(ClassicRunFixture run)
    {
        _run = run;
        var db = Path.Combine(run.OutputDirectory, "segmenta.duckdb");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", db).ConfigureLogging(logging => logging.ClearProviders()));
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task The_RFM_grid_counts_every_scored_customer_once()
    {
        var html = await _client.GetStringAsync("/explore");

        var counts = GridCount().Matches(html).Select(m => long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        // customers.csv has one row per customer, each with an R and an F score.
        Assert.Equal(_run.CustomersCsv.Length - 1, counts.Sum());
        Assert.Contains("id=\"cluster-segments\"", html);
        Assert.Contains("href=\"/explore/rfm/", html);
    }

    [Fact]
    public async Task A_segments_customers_filter_by_country_link_to_the_customer_page_and_export_with_a_telling_name()
    {
        var html = await _client.GetStringAsync("/explore/rfm/0?country=Germany&sort=recency&order=asc");
        var countries = MemberCountry().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var csv = await _client.GetAsync("/explore/rfm/0/customers.csv?country=Germany");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.NotEmpty(countries);
        Assert.All(countries, c => Assert.Equal("Germany", c));
        Assert.Contains("<a href=\"/customers?id=", html);
        Assert.Matches("^rfm-0-[a-z0-9-]+-customers-run-\\d{8}-\\d{6}\\.csv$", csv.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.All(lines.Skip(1), l => Assert.Contains(",Germany,", l));
        Assert.Contains((lines.Length - 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " matching customers", html);
    }

    [Fact]
    public async Task Bad_filter_values_are_ignored_and_said_so_and_an_unknown_segment_is_a_404()
    {
        var html = await _client.GetStringAsync("/explore/rfm/0?min=abc&recency=1e309&page=99999999999");

        Assert.Contains("Ignored filters that are not valid numbers or days (YYYY-MM-DD): min, recency, page.", html);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/explore/rfm/99")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/explore/foo/0/customers.csv")).StatusCode);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    public async Task A_grid_cell_opens_the_list_of_exactly_its_customers_with_a_telling_download_name(int r, int f)
    {
        // Independent source: customers.csv's RScore and FScore columns.
        var expected = CustomersWhere(row => row["RScore"] == r.ToString(Inv) && row["FScore"] == f.ToString(Inv));

        var grid = await _client.GetStringAsync("/explore");
        var html = await _client.GetStringAsync($"/explore/cell/{r}/{f}");
        var csv = await _client.GetAsync($"/explore/cell/{r}/{f}/customers.csv");
        var ids = CsvIds(await csv.Content.ReadAsStringAsync());

        Assert.NotEmpty(expected);
        Assert.Contains($"href=\"/explore/cell/{r}/{f}\"><b>{expected.Count.ToString("N0", Inv)}</b>", grid);
        Assert.Contains(expected.Count.ToString("N0", Inv) + " matching customers", html);
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Matches($"^rfm-cell-r{r}-f{f}-customers-run-\\d{{8}}-\\d{{6}}\\.csv$", csv.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Contains($"/explore/cell/{r}/{f}/customers.csv", html);
    }

    [Fact]
    public async Task An_empty_or_impossible_grid_cell_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/explore/cell/9/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/explore/cell/0/0/customers.csv")).StatusCode);
    }

    [Fact]
    public async Task Date_ranges_filter_on_the_last_and_first_purchase_and_travel_with_the_export()
    {
        // Lapsed after a busy start: acquired in the first quarter of 2011, last seen between March and August 2011.
        var expected = CustomersWhere(row => string.CompareOrdinal(row["FirstPurchase"], "2011-01-01") >= 0 && string.CompareOrdinal(row["FirstPurchase"], "2011-03-31") <= 0
            && string.CompareOrdinal(row["LastPurchase"], "2011-03-01") >= 0 && string.CompareOrdinal(row["LastPurchase"], "2011-08-31") <= 0
            && row["RScore"] == "2");
        const string Filters = "last-from=2011-03-01&last-to=2011-08-31&first-from=2011-01-01&first-to=2011-03-31";

        var html = await _client.GetStringAsync($"/explore/cell/2/1?{Filters}");
        var all = new List<string>();
        foreach (var f in new[] { 1, 2, 3, 4, 5 })
        {
            var csv = await _client.GetAsync($"/explore/cell/2/{f}/customers.csv?{Filters}");
            all.AddRange(CsvIds(await csv.Content.ReadAsStringAsync()));
        }

        Assert.True(expected.Count > 10, $"the range should hold customers, found {expected.Count}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Contains("customers.csv?" + Filters.Replace("&", "&amp;", StringComparison.Ordinal), html);
        Assert.Contains("value=\"2011-03-01\"", html);
        var bad = await _client.GetStringAsync("/explore/cell/2/1?last-from=2011-13-45");
        Assert.Contains("Ignored filters that are not valid numbers or days (YYYY-MM-DD): last-from.", bad);
    }

    [Theory]
    [InlineData("85123a", "Bought together with 85123A")]
    [InlineData("heart", "id=\"product-matches\"")]
    [InlineData("WHITE hanging HEART", "85123A")]
    public async Task Products_are_found_by_code_or_words_in_any_case(string search, string expected)
    {
        var html = await _client.GetStringAsync("/products?product=" + Uri.EscapeDataString(search));

        Assert.Contains(expected, html);
    }

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>Customer ids of customers.csv rows (columns by header name) that satisfy <paramref name="keep"/>.</summary>
    private List<string> CustomersWhere(Func<Dictionary<string, string>, bool> keep)
    {
        var header = _run.CustomersCsv[0].Split(',');
        return [.. _run.CustomersCsv.Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => header.Zip(cells).ToDictionary(p => p.First, p => p.Second))
            .Where(keep)
            .Select(row => row["CustomerId"])];
    }

    private static List<string> CsvIds(string csv) => [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0])];

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [GeneratedRegex("<td class=\"n\" style=\"[^\"]*\" title=\"R\\d F\\d\"><a class=\"cell\" href=\"/explore/cell/\\d/\\d\"><b>([\\d,]+)</b>")]
    private static partial Regex GridCount();

    [GeneratedRegex("<tr><td><a href=\"/customers\\?id=[^\"]+\">[^<]+</a></td><td>([^<]*)</td>")]
    private static partial Regex MemberCountry();
}
