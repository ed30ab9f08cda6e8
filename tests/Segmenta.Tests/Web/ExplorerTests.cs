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

        Assert.Contains("Ignored filters that are not valid numbers: min, recency, page.", html);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/explore/rfm/99")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/explore/foo/0/customers.csv")).StatusCode);
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

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [GeneratedRegex("<td class=\"n\" style=\"[^\"]*\" title=\"R\\d F\\d\"><b>([\\d,]+)</b>")]
    private static partial Regex GridCount();

    [GeneratedRegex("<tr><td><a href=\"/customers\\?id=[^\"]+\">[^<]+</a></td><td>([^<]*)</td>")]
    private static partial Regex MemberCountry();
}
