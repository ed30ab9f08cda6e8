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
    [InlineData("/recommendations", "New picks in the evaluation: ranked by the discovery model")]
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
    public async Task Months_cut_by_the_end_of_the_data_are_marked_on_the_overview_and_in_the_cohort_cells()
    {
        var overview = await _client.GetStringAsync("/");
        var cohorts = await _client.GetStringAsync("/cohorts");

        // The shared data ends on 2011-12-09: December 2011 is partial. On a category axis the labelled month is kept
        // (as dates, plotly dropped "2011-12 (partial)" and the mark with it).
        Assert.Contains("\"2011-12 (partial)\"", overview);
        Assert.Contains("\"type\":\"category\"", overview);
        // One retention cell per cohort from 2010-12 to 2011-11 falls in December 2011; each is marked, none other.
        Assert.Equal(12, Regex.Matches(cohorts, "%\\*\"").Count);
        Assert.Contains("cells marked * fall in a month the data does not cover completely", cohorts);
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
    public async Task Re_running_with_five_segments_is_a_job_that_updates_the_scatter_and_the_profiles()
    {
        var fields = await FormFields("/segments", ("algorithm", "kmeans"), ("k", "5"), ("scaling", "standard"),
            ("features", "recency"), ("features", "frequency"), ("features", "monetary"));

        var response = await _client.PostAsync("/segments/run", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/segments?job=", location);
        var job = await WaitForJob(location["/segments?job=".Length..]);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        var page = await _client.GetStringAsync(location);
        Assert.Contains("5 segments", page);
        Assert.Contains("k = 5 was given", page);
        // Five clusters, and the key accounts set apart outside them (issue 12) when the data has any.
        Assert.Equal(5, Regex.Matches(page, "\"name\":\"\\d: (?!Key accounts)").Count);
        Assert.InRange(Regex.Matches(page, "\"name\":\"\\d: Key accounts").Count, 0, 1);
        // The run's files went to its own folder, not over the files of the analyze run next to the database.
        var runFolder = job.GetProperty("runFolder").GetString()!;
        Assert.StartsWith(Path.Combine(_directory.Path, "runs"), runFolder);
        Assert.True(File.Exists(Path.Combine(runFolder, "segments.csv")));
        Assert.False(File.Exists(Path.Combine(_directory.Path, "segments.csv")));
    }

    [Fact]
    public async Task A_script_starting_a_re_run_gets_202_with_the_job_and_reads_go_on_while_it_runs()
    {
        var fields = await FormFields("/segments", ("algorithm", "gmm"), ("k", "auto"), ("scaling", "standard"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/segments/run") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("application/json");
        var before = await _client.GetStringAsync("/api/segments?segmentation=kmeans");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal($"/api/jobs/{id}", response.Headers.Location!.ToString());
        JsonElement state;
        do
        {
            state = await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        }
        while (state.GetProperty("state").GetString() == "Queued");
        // While the mixture is fitted, reads are served from the last complete results.
        var during = await _client.GetStringAsync("/api/segments?segmentation=kmeans");
        var stillRunning = (await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("state").GetString() == "Running";
        var done = await WaitForJob(id);
        Assert.Equal("Succeeded", done.GetProperty("state").GetString());
        Assert.True(stillRunning, "the read should have been answered while the job ran (or the job was too quick to tell)");
        Assert.Equal(before, during);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/segments?segmentation=gmm")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/jobs/nope")).StatusCode);
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

        // Neither a customer nor a date among the usual names: the mapping step lists the file's own columns.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var step = response.Headers.Location!.ToString();
        Assert.StartsWith("/data?upload=", step, StringComparison.Ordinal);
        var mapping = await _client.GetStringAsync(step);
        Assert.Contains("did not find: customer, date.", mapping);
        Assert.Contains("<option value=\"Colour\">Colour</option>", mapping);
        // Mapped to columns that hold no dates, the import fails with a message naming the file.
        using var import = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [TokenInput().Match(mapping).Groups[1].Value] = WebUtility.HtmlDecode(TokenInput().Match(mapping).Groups[2].Value),
            ["upload"] = step["/data?upload=".Length..], ["map-customer"] = "Name", ["map-date"] = "Colour",
        });
        var started = await _client.PostAsync("/data/import", import);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        var job = await WaitForJob(location["/data?job=".Length..]);
        Assert.Equal("Failed", job.GetProperty("state").GetString());
        Assert.StartsWith("notes.csv: ", job.GetProperty("message").GetString());
        var page = await _client.GetStringAsync(location);
        Assert.Contains("id=\"upload-error\">notes.csv:", page);
        var after = await _client.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal(before.GetProperty("lines").GetInt64(), after.GetProperty("lines").GetInt64());
        Assert.Equal(before.GetProperty("customers").GetInt64(), after.GetProperty("customers").GetInt64());
    }

    [Fact]
    public async Task A_too_large_upload_gets_a_page_that_says_so()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", _directory.File("segmenta.duckdb"))
            .UseSetting("max-upload-mb", "1").ConfigureLogging(logging => logging.ClearProviders()));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/data");
        var token = TokenInput().Match(form);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups[2].Value)), token.Groups[1].Value },
            { new ByteArrayContent(new byte[3 * 1024 * 1024]), "file", "big.csv" },
        };

        var response = await client.PostAsync("/data/upload", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/data?error=too-large", response.Headers.Location!.ToString());
        Assert.Contains("larger than this server accepts (1 MB)", await client.GetStringAsync("/data?error=too-large"));
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

    private async Task<List<KeyValuePair<string, string>>> FormFields(string page, params (string Name, string Value)[] fields)
    {
        var token = TokenInput().Match(await _client.GetStringAsync(page));
        Assert.True(token.Success);
        return [new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];
    }

    private Task<JsonElement> WaitForJob(string id) => _client.WaitForJob(id, TimeSpan.FromMinutes(3));

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _directory.Dispose();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex TokenInput();
}
