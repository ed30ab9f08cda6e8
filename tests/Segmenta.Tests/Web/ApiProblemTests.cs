using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Segmenta.Tests.Pipeline;

namespace Segmenta.Tests.Web;

/// <summary>Every error of the API is problem details (application/problem+json) that names the field at fault (issue 18).</summary>
[Collection(ClassicRunCollection.Name)]
public sealed class ApiProblemTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public ApiProblemTests(ClassicRunFixture run)
    {
        var db = Path.Combine(run.OutputDirectory, "segmenta.duckdb");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", db).ConfigureLogging(logging => logging.ClearProviders()));
        _client = _factory.CreateClient();
    }

    [Theory]
    [InlineData("/api/customers/12347/recommendations?top=abc", "top")]
    [InlineData("/api/customers/12347/recommendations?top=0", "top")]
    [InlineData("/api/segments/0/customers?segmentation=rfm&page=abc", "page")]
    [InlineData("/api/segments/0/customers?segmentation=rfm&page=99999999999", "page")]
    [InlineData("/api/segments/0/customers?segmentation=rfm&page=0", "page")]
    [InlineData("/api/segments/0/customers?segmentation=rfm&pageSize=1e309", "pageSize")]
    [InlineData("/api/segments/0/customers?segmentation=rfm&pageSize=100000", "pageSize")]
    public async Task An_unparsable_or_out_of_range_query_value_is_a_400_naming_it(string path, string field)
    {
        var response = await _client.GetAsync(path);

        await AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/api/segments?segmentation=foo")]
    [InlineData("/api/segments/0/customers?segmentation=foo")]
    [InlineData("/segments/foo/0/activation.csv")]
    public async Task An_unknown_segmentation_is_a_404_everywhere(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{\"features\":{\"recency\":1e309,\"frequency\":7,\"monetary\":4310}}", "features.recency")]
    [InlineData("{\"features\":{\"recency\":\"NaN\",\"frequency\":7,\"monetary\":4310}}", "features.recency")]
    [InlineData("{\"features\":{\"recency\":\"Infinity\",\"frequency\":7,\"monetary\":4310}}", "features.recency")]
    [InlineData("{\"features\":{\"recency\":-3,\"frequency\":7,\"monetary\":4310}}", "features.recency")]
    [InlineData("{\"features\":{\"recency\":3,\"frequency\":-1,\"monetary\":4310}}", "features.frequency")]
    [InlineData("{\"features\":{\"recency\":3,\"frequency\":7,\"monetary\":4310,\"shoe_size\":42}}", "features.shoe_size")]
    [InlineData("{\"features\":{\"recency\":3,\"frequency\":7}}", "features")]
    [InlineData("{\"features\":{}}", "features")]
    [InlineData("{\"featurez\":{\"recency\":3}}", "featurez")]
    [InlineData("{\"features\":{\"recency\":3,", "features")]
    [InlineData("not json at all", "body")]
    public async Task A_bad_score_body_is_a_400_naming_the_field(string body, string field)
    {
        var response = await _client.PostAsync("/api/score", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_score_body_that_is_not_json_is_a_415_naming_the_content_type()
    {
        var response = await _client.PostAsync("/api/score", new StringContent("recency=3", Encoding.UTF8, "text/plain"));

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Fact]
    public async Task A_score_body_over_64_KB_is_a_413()
    {
        var body = "{\"features\":{\"recency\":3,\"frequency\":7,\"monetary\":4310},\"pad\":\"" + new string('x', 70_000) + "\"}";

        var response = await _client.PostAsync("/api/score", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_problems_too()
    {
        Assert.Equal("application/problem+json", (await _client.GetAsync("/api/nothing")).Content.Headers.ContentType?.MediaType);
        var wrongMethod = await _client.DeleteAsync("/api/health");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Money_is_rounded_to_cents()
    {
        var customer = JsonDocument.Parse(await _client.GetStringAsync("/api/customers/12347")).RootElement.GetProperty("features");
        var segments = JsonDocument.Parse(await _client.GetStringAsync("/api/segments?segmentation=rfm")).RootElement;

        foreach (var money in new[] { customer.GetProperty("monetary"), customer.GetProperty("average_order_value") }.Concat(segments.EnumerateArray().Select(s => s.GetProperty("revenue"))))
        {
            var text = money.GetRawText();
            Assert.True(!text.Contains('.', StringComparison.Ordinal) || text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 <= 2, text);
        }
        Assert.Equal(615.71, customer.GetProperty("average_order_value").GetDouble());
    }

    [Fact]
    public async Task OpenAPI_documents_each_response_with_its_schema()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement;
        var score = document.GetProperty("paths").GetProperty("/api/score").GetProperty("post").GetProperty("responses");

        foreach (var status in new[] { "200", "400", "404", "413", "415" })
        {
            Assert.True(score.TryGetProperty(status, out var response), $"/api/score should document {status}");
            Assert.True(response.GetProperty("content").EnumerateObject().First().Value.TryGetProperty("schema", out _), $"{status} should have a schema");
        }
        var customer = document.GetProperty("paths").GetProperty("/api/customers/{id}").GetProperty("get").GetProperty("responses");
        Assert.True(customer.TryGetProperty("404", out _));
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"the problem should name {field}: {body}");
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }
}
