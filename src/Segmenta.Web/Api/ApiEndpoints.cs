using Segmenta.Pipeline;

namespace Segmenta.Web.Api;

/// <summary>
/// The JSON API. Unknown ids give 404 and bad input 400, both as problem details (RFC 9457) naming what was wrong.
/// </summary>
internal static class ApiEndpoints
{
    private const int MaxPageSize = 500;

    internal static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/health", (StoreAccess store) => store.Read(s =>
        {
            var health = StoredResults.Health(s);
            return Results.Ok(new { status = "ok", health.Customers, health.Lines, health.LastRun });
        })).WithSummary("Service health and what the database holds.");

        api.MapGet("/customers/{id}", (string id, LookupCache lookups) =>
            lookups.Customer(id) is { } customer
                ? Results.Ok(customer)
                : NotFound($"No customer with id '{id}'."))
            .WithSummary("A customer's features, RFM scores and segments.");

        api.MapGet("/segments", (string? segmentation, StoreAccess store) =>
            Results.Ok(store.Read(s => StoredResults.Segments(s, segmentation))))
            .WithSummary("Every segment (optionally of one segmentation: rfm, kmeans, gmm) with size, revenue, name, explanation and action.");

        api.MapGet("/segments/{id:int}/customers", (int id, string? segmentation, int? page, int? pageSize, StoreAccess store) =>
        {
            var size = pageSize ?? 50;
            var number = page ?? 1;
            if (size is < 1 or > MaxPageSize)
            {
                return BadRequest("pageSize", $"pageSize must be between 1 and {MaxPageSize}; got {size}.");
            }
            if (number < 1)
            {
                return BadRequest("page", $"page must be 1 or more; got {number}.");
            }
            return store.Read(s =>
            {
                var name = segmentation ?? StoredResults.PrimarySegmentation(s) ?? "rfm";
                return StoredResults.SegmentCustomers(s, name, id, number, size) is { } result
                    ? Results.Ok(result)
                    : NotFound($"No segment {id} in segmentation '{name}'.");
            });
        }).WithSummary("A page of a segment's customers, largest spenders first.");

        api.MapGet("/customers/{id}/recommendations", (string id, int? top, string? category, LookupCache lookups, StoreAccess store) =>
        {
            var count = top ?? 10;
            if (count is < 1 or > 100)
            {
                return BadRequest("top", $"top must be between 1 and 100; got {count}.");
            }
            if (lookups.Customer(id) is null)
            {
                return NotFound($"No customer with id '{id}'.");
            }
            return string.IsNullOrWhiteSpace(category)
                ? Results.Ok(lookups.Recommendations(id, count))
                : CategoryFilter.Recommendations(lookups, store, id, category.Trim(), count);
        }).WithSummary("A customer's recommended products, best first, each with the method and the reason; category= keeps those of one product category.");

        api.MapPost("/score", (ScoreRequest request, StoreAccess store) =>
        {
            if (request.Features is not { Count: > 0 } features)
            {
                return BadRequest("features", "Give the customer's features, e.g. {\"features\": {\"recency\": 3, \"frequency\": 7, \"monetary\": 4310}}.");
            }
            if (store.Read(StoredResults.Model) is not { } model)
            {
                return NotFound("The database holds no clustering model: run segmenta analyze without --no-clusters.");
            }
            try
            {
                var (segment, probabilities) = model.Score(features);
                return Results.Ok(new
                {
                    segment,
                    name = model.SegmentNames is { } names && segment < names.Count ? names[segment] : null,
                    probabilities,
                    algorithm = model.Algorithm.ToString(),
                    features = model.Features,
                });
            }
            catch (SegmentaException e)
            {
                return BadRequest("features", e.Message);
            }
        }).WithSummary("Assigns a customer, given by its features, to a segment of the saved model (probabilities for mixtures).");
    }

    /// <summary>Body of POST /api/score: a customer's features by name (as in customers.csv, snake_case).</summary>
    internal sealed record ScoreRequest(Dictionary<string, double>? Features);

    internal static IResult NotFound(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    internal static IResult BadRequest(string field, string detail) => Results.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [detail] }, detail: detail, title: "Invalid request");
}
