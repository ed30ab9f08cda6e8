using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Web;

/// <summary>The upload's column-mapping step (issue 18): a file whose date column has an unknown name goes to a step that
/// lists the file's own columns, and is imported once the column is picked; the Data page lists it by its own name.</summary>
public sealed partial class UploadMappingTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;
    private readonly byte[] _file;

    public UploadMappingTests()
    {
        var db = _directory.File("segmenta.duckdb");
        SegmentaStore.Open(db).Dispose();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", db).ConfigureLogging(logging => logging.ClearProviders()));
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // The first 20,000 lines of the shared data, with the date column renamed to a name no synonym knows.
        using var input = new StreamReader(new GZipStream(File.OpenRead(RepoPaths.OnlineRetail), CompressionMode.Decompress));
        var text = new StringBuilder(input.ReadLine()!.Replace("InvoiceDate", "Rechnungsdatum", StringComparison.Ordinal)).Append('\n');
        for (var i = 0; i < 20_000 && input.ReadLine() is { } line; i++)
        {
            text.Append(line).Append('\n');
        }
        _file = Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public async Task A_file_with_an_unknown_date_column_goes_to_the_mapping_step_and_is_imported_with_the_column_picked()
    {
        var step = await Upload([]);
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        var mapping = await step.Content.ReadFromJsonAsync<JsonElement>();
        var upload = mapping.GetProperty("upload").GetString()!;
        Assert.Equal(["date"], mapping.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Rechnungsdatum", mapping.GetProperty("columns").EnumerateArray().Select(e => e.GetString()));

        var page = await _client.GetStringAsync(mapping.GetProperty("mapping").GetString());
        Assert.Contains("The usual column names did not find: date.", page);
        Assert.Matches("<select name=\"map-date\" id=\"map-date\" required><option value=\"\">[^<]*</option>(<option value=\"[^\"]+\"( selected)?>[^<]+</option>)*<option value=\"Rechnungsdatum\"", page);
        // The customer is found by its usual name and chosen already.
        Assert.Contains("<option value=\"CustomerID\" selected>", page);

        var imported = await WaitForJob(await Import(upload, ("map-date", "Rechnungsdatum")));

        Assert.True("Succeeded" == imported.GetProperty("state").GetString(), imported.GetProperty("message").GetString());
        Assert.StartsWith("sales-export.csv: 20,000 lines read", imported.GetProperty("message").GetString());
        var data = await _client.GetStringAsync("/data");
        Assert.Matches("<table id=\"imports\">.*<td>sales-export\\.csv</td>", data.Replace("\n", "", StringComparison.Ordinal));
        // The waiting file went with its import: the same step cannot run twice.
        using var again = await ImportRequest(upload, ("map-date", "Rechnungsdatum"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task An_upload_id_that_is_not_one_is_refused_without_touching_the_file_system()
    {
        using var response = await ImportRequest("../../etc", ("map-date", "x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no longer waiting", await _client.GetStringAsync("/data?upload=..%2F..%2Fetc"), StringComparison.Ordinal);
    }

    private async Task<string> Import(string upload, params (string Name, string Value)[] fields)
    {
        using var response = await ImportRequest(upload, fields);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> ImportRequest(string upload, params (string Name, string Value)[] fields)
    {
        var token = TokenInput().Match(await _client.GetStringAsync("/data"));
        var values = new List<KeyValuePair<string, string>> { new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)), new("upload", upload) };
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/data/import") { Content = new FormUrlEncodedContent(values) };
        request.Headers.Accept.ParseAdd("application/json");
        return await _client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> Upload((string Name, string Value)[] fields)
    {
        var token = TokenInput().Match(await _client.GetStringAsync("/data"));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups[2].Value)), token.Groups[1].Value },
            { new ByteArrayContent(_file), "file", "sales-export.csv" },
        };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/data/upload") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        return await _client.SendAsync(request);
    }

    private Task<JsonElement> WaitForJob(string id) => _client.WaitForJob(id, TimeSpan.FromMinutes(5));

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _directory.Dispose();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex TokenInput();
}
