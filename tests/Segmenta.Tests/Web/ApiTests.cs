using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Segmenta.Tests.Pipeline;

namespace Segmenta.Tests.Web;

/// <summary>The JSON API over the database of a real analysis run, in-process (WebApplicationFactory).</summary>
[Collection(ClassicRunCollection.Name)]
public sealed class ApiTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    private readonly ClassicRunFixture _run;

    public ApiTests(ClassicRunFixture run)
    {
        _run = run;
        var db = Path.Combine(run.OutputDirectory, "segmenta.duckdb");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", db)
            // No console logging: CLI tests capture the console in parallel and would read the host's log lines.
            .ConfigureLogging(logging => logging.ClearProviders()));
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task Health_reports_what_the_database_holds()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(4_338, health.GetProperty("customers").GetInt64());
        Assert.Equal(541_909, health.GetProperty("lines").GetInt64());
    }

    [Fact]
    public async Task A_customer_comes_with_features_and_segments()
    {
        var customer = await _client.GetFromJsonAsync<JsonElement>("/api/customers/12347");
        var features = customer.GetProperty("features");
        Assert.Equal(3, features.GetProperty("recency").GetInt64());
        Assert.Equal(7, features.GetProperty("frequency").GetInt64());
        Assert.Equal(4310.0, features.GetProperty("monetary").GetDouble(), 2);
        Assert.Equal("Champions", features.GetProperty("rfm_segment").GetString());
        Assert.Contains(customer.GetProperty("segments").EnumerateArray(), s => s.GetProperty("segmentation").GetString() == "rfm");
    }

    [Fact]
    public async Task A_customer_comes_with_the_lifetime_values_of_customers_csv()
    {
        var customer = await _client.GetFromJsonAsync<JsonElement>("/api/customers/12347");
        var lifetime = customer.GetProperty("lifetime");
        var header = _run.CustomersCsv[0].Split(',');
        var row = _run.CustomersCsv.Single(l => l.StartsWith("12347,", StringComparison.Ordinal)).Split(',');
        foreach (var column in new[] { "PAlive", "ExpectedPurchases365d", "ExpectedSpend", "Clv365d" })
        {
            var csv = decimal.Parse(row[Array.IndexOf(header, column)], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(csv, lifetime.GetProperty(column).GetDecimal());
        }
        Assert.Equal(row[Array.IndexOf(header, "ChurnRisk")], lifetime.GetProperty("ChurnRisk").GetString());
    }

    [Fact]
    public async Task An_unknown_customer_is_a_404_problem()
    {
        var response = await _client.GetAsync("/api/customers/nobody");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nobody", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Segments_list_names_sizes_and_actions()
    {
        var segments = await _client.GetFromJsonAsync<JsonElement>("/api/segments?segmentation=rfm");
        var list = segments.EnumerateArray().ToList();
        Assert.Equal(4_338, list.Sum(s => s.GetProperty("customers").GetInt64()));
        Assert.All(list, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("action").GetString())));
    }

    [Fact]
    public async Task The_API_gives_each_segment_the_name_size_and_action_of_segments_csv()
    {
        // One source of truth: the API and the CSV both read the profiled catalog, so they must agree row by row.
        var csv = File.ReadAllLines(Path.Combine(_run.OutputDirectory, "segments.csv"));
        static string Cell(string text) => text.Contains(',', StringComparison.Ordinal) ? "\"" + text + "\"" : text;
        foreach (var segmentation in new[] { "rfm", "kmeans" })
        {
            var api = (await _client.GetFromJsonAsync<JsonElement>($"/api/segments?segmentation={segmentation}")).EnumerateArray().ToList();
            var rows = csv.Skip(1).Where(l => l.StartsWith(segmentation + ",", StringComparison.Ordinal)).ToList();
            Assert.Equal(rows.Count, api.Count);
            foreach (var s in api)
            {
                var name = s.GetProperty("name").GetString()!;
                var row = rows.Single(l => l.Contains("," + Cell(name) + ",", StringComparison.Ordinal));
                var customers = s.GetProperty("customers").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.Contains("," + Cell(name) + "," + customers + ",", row);
                Assert.Contains("," + Cell(s.GetProperty("action").GetString()!) + ",", row);
            }
        }
    }

    [Fact]
    public async Task Segment_customers_are_paged_and_bad_paging_is_a_400_naming_the_field()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/segments/0/customers?segmentation=rfm&page=2&pageSize=10");
        Assert.Equal(10, page.GetProperty("items").GetArrayLength());
        Assert.Equal(2, page.GetProperty("pageNumber").GetInt32());

        var bad = await _client.GetAsync("/api/segments/0/customers?pageSize=100000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("pageSize", await bad.Content.ReadAsStringAsync());

        var missing = await _client.GetAsync("/api/segments/99/customers?segmentation=rfm");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_API_is_described_by_OpenAPI()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/customers/{id}", document);
        Assert.Contains("/api/segments/{id}/customers", document);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }
}
