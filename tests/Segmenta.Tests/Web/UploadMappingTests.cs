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

/// <summary>The upload's column-mapping step (issue 18): a file whose date column has an unknown name is refused with a
/// pointer to the mapping, then imported once the column is named; the Data page lists it by its own name.</summary>
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
    public async Task A_file_with_an_unknown_date_column_is_imported_once_the_column_is_mapped()
    {
        var refused = await WaitForJob(await Upload([]));
        Assert.Equal("Failed", refused.GetProperty("state").GetString());
        Assert.Contains("Column mapping", refused.GetProperty("message").GetString());

        var imported = await WaitForJob(await Upload([("map-date", "Rechnungsdatum")]));

        Assert.True("Succeeded" == imported.GetProperty("state").GetString(), imported.GetProperty("message").GetString());
        Assert.StartsWith("sales-export.csv: 20,000 lines read", imported.GetProperty("message").GetString());
        var data = await _client.GetStringAsync("/data");
        Assert.Matches("<table id=\"imports\">.*<td>sales-export\\.csv</td>", data.Replace("\n", "", StringComparison.Ordinal));
    }

    private async Task<string> Upload((string Name, string Value)[] fields)
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
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
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
