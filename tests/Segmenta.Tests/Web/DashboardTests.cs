using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Segmenta.Tests.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Web;

/// <summary>The dashboard pages and forms, and the scoring API, in-process over a copy of the real run's database.</summary>
[Collection(ClassicRunCollection.Name)]
public sealed partial class DashboardTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public DashboardTests(ClassicRunFixture run)
    {
        // A copy: the re-run test rewrites the segments, which other tests of the collection read.
        var db = _directory.File("segmenta.duckdb");
        File.Copy(Path.Combine(run.OutputDirectory, "segmenta.duckdb"), db);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", db)
            // No console logging: CLI tests capture the console in parallel and would read the host's log lines.
            .ConfigureLogging(logging => logging.ClearProviders()));
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    [Theory]
    [InlineData("/", "Revenue and orders by month")]
    [InlineData("/data", "Cleaning report")]
    [InlineData("/cohorts", "Retention")]
    [InlineData("/clv", "Cumulative repeat purchases by week")]
    [InlineData("/segments", "Why 4 segments")]
    [InlineData("/customers?id=12347", "Latest purchases")]
    [InlineData("/products?product=85123A", "Top 20 products by revenue")]
    public async Task Every_page_renders_with_its_charts_and_a_strict_content_policy(string path, string expected)
    {
        var response = await _client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, html);
        Assert.Contains("/assets/plotly.min.js", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal));
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Plotly_is_served_from_the_app_itself()
    {
        var response = await _client.GetAsync("/assets/plotly.min.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1_000_000);
    }

    [Fact]
    public async Task Text_from_the_data_is_encoded_in_pages()
    {
        var html = await _client.GetStringAsync("/customers?id=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public async Task A_segment_activation_list_downloads_as_csv()
    {
        var response = await _client.GetAsync("/segments/kmeans/0/activation.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("CustomerId,Country,Recency", csv);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/segments/kmeans/99/activation.csv")).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var response = await _client.PostAsync("/segments/run", new FormUrlEncodedContent(new Dictionary<string, string> { ["algorithm"] = "kmeans", ["k"] = "3", ["scaling"] = "standard" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Re_running_with_five_segments_updates_the_scatter_and_the_profiles()
    {
        var form = await _client.GetStringAsync("/segments");
        var token = TokenInput().Match(form);
        Assert.True(token.Success);
        var fields = new List<KeyValuePair<string, string>>
        {
            new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)), new("algorithm", "kmeans"), new("k", "5"), new("scaling", "standard"),
            new("features", "recency"), new("features", "frequency"), new("features", "monetary"),
        };

        var response = await _client.PostAsync("/segments/run", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("5%20segments", response.Headers.Location!.ToString());
        var page = await _client.GetStringAsync("/segments");
        Assert.Contains("k = 5 was given", page);
        // Five clusters, and the key accounts set apart outside them (issue 12) when the data has any.
        Assert.Equal(5, Regex.Matches(page, "\"name\":\"\\d: (?!Key accounts)").Count);
        Assert.InRange(Regex.Matches(page, "\"name\":\"\\d: Key accounts").Count, 0, 1);
    }

    [Fact]
    public async Task A_bad_upload_says_what_is_wrong_and_leaves_the_stored_data_intact()
    {
        var before = await _client.GetFromJsonAsync<JsonElement>("/api/health");
        var form = await _client.GetStringAsync("/data");
        var token = TokenInput().Match(form);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups[2].Value)), token.Groups[1].Value },
            { new StringContent("default"), "cleaning" },
            { new ByteArrayContent("Name,Colour\nx,red\n"u8.ToArray()), "file", "notes.csv" },
        };

        var response = await _client.PostAsync("/data/upload", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Uri.UnescapeDataString(response.Headers.Location!.ToString());
        Assert.Contains("error=notes.csv", location);
        Assert.Contains("--map", location);
        var after = await _client.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal(before.GetProperty("lines").GetInt64(), after.GetProperty("lines").GetInt64());
        Assert.Equal(before.GetProperty("customers").GetInt64(), after.GetProperty("customers").GetInt64());
    }

    [Fact]
    public async Task Scoring_features_returns_the_segment_of_the_saved_model()
    {
        var response = await _client.PostAsJsonAsync("/api/score", new { features = new { recency = 3, frequency = 7, monetary = 4310.0 } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, body.GetProperty("segment").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Scoring_without_a_needed_feature_is_a_400_naming_it()
    {
        var response = await _client.PostAsJsonAsync("/api/score", new { features = new { recency = 3, frequency = 7 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("monetary", await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _directory.Dispose();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex TokenInput();
}
