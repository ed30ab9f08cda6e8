using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Segmenta.Tests.Pipeline;

namespace Segmenta.Tests.Web;

/// <summary>Product categories in the dashboard and API (issue #22), over the database of a real run.</summary>
[Collection(ClassicRunCollection.Name)]
public sealed class CategoryApiTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _categories;

    private readonly string _outputDirectory;

    public CategoryApiTests(ClassicRunFixture run)
    {
        _outputDirectory = run.OutputDirectory;
        var db = Path.Combine(run.OutputDirectory, "segmenta.duckdb");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", db).ConfigureLogging(logging => logging.ClearProviders()));
        _client = _factory.CreateClient();
        // The category of each product as written to out/exploration/product-categories.csv (no quoted product codes in this data).
        _categories = File.ReadAllLines(Path.Combine(run.OutputDirectory, "exploration", "product-categories.csv")).Skip(1)
            .Select(l => (Product: l[..l.IndexOf(',', StringComparison.Ordinal)], Category: l[(l.LastIndexOf(',', l.LastIndexOf(',') - 1) + 1)..l.LastIndexOf(',')]))
            .ToDictionary(p => p.Product, p => p.Category);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Recommendations_filtered_by_category_keep_only_that_category_in_the_same_order()
    {
        var all = (await _client.GetFromJsonAsync<JsonElement>("/api/customers/12347/recommendations?top=100")).EnumerateArray().ToList();
        Assert.NotEmpty(all);
        var category = _categories[all[0].GetProperty("stockCode").GetString()!];
        var filtered = (await _client.GetFromJsonAsync<JsonElement>($"/api/customers/12347/recommendations?top=100&category={Uri.EscapeDataString(category.ToLowerInvariant())}"))
            .EnumerateArray().Select(r => r.GetProperty("stockCode").GetString()!).ToList();
        Assert.Equal(all.Select(r => r.GetProperty("stockCode").GetString()!).Where(p => _categories[p] == category), filtered);
    }

    [Fact]
    public async Task The_categories_page_shows_every_category_of_categories_csv_and_the_segment_heatmap()
    {
        var html = await _client.GetStringAsync("/categories");
        var table = html[html.IndexOf("id=\"category-table\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        // The page reads the same table as the CSV: one row per category, the biggest first.
        var csv = File.ReadAllLines(Path.Combine(_outputDirectory, "exploration", "categories.csv")).Skip(1).ToList();
        Assert.Equal(csv.Count, table.Split("<tr>").Length - 2);
        Assert.StartsWith("<tr><td>" + csv[0][..csv[0].IndexOf(',', StringComparison.Ordinal)] + "</td>", table[table.IndexOf("<tr><td>", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("segment-categories", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/categories\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_category_is_a_400_that_lists_the_categories()
    {
        var response = await _client.GetAsync("/api/customers/12347/recommendations?category=SPACESHIP");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("SPACESHIP", body, StringComparison.Ordinal);
        Assert.Contains("BAG", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customer_page_shows_the_categories_the_customer_bought()
    {
        var html = await _client.GetStringAsync("/customers?id=12347");
        Assert.Contains("Categories bought", html, StringComparison.Ordinal);
        Assert.Contains("customer-categories", html, StringComparison.Ordinal);
    }
}
