using System.Text.Json.Serialization;
using Segmenta.Profiling;
using Segmenta.Recommending;
using Segmenta.Segmentation;
using Segmenta.Store;
using Segmenta.Web.Jobs;

namespace Segmenta.Web.Api;

/// <summary>
/// The JSON API. Every error is problem details (RFC 9457) naming the field at fault: unknown ids and segmentations
/// 404, bad input 400, wrong content type 415, too large a body 413. Money is rounded to cents.
/// </summary>
internal static class ApiEndpoints
{
    private const int MaxPageSize = 500;

    internal static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/health", (StoreAccess store, JobQueue jobs) =>
        {
            var health = store.Cached("health", StoreHealth.Read);
            return TypedResults.Ok(new HealthResponse("ok", health.Customers, health.Lines, health.LastRun, jobs.Latest(1).FirstOrDefault(j => j.State is JobState.Queued or JobState.Running)?.Id));
        }).WithSummary("Service health, what the database holds, and the job running now (if any).");

        api.MapGet("/customers/{id}", (string id, LookupCache lookups, StoreAccess store) =>
            lookups.Customer(id) is { } customer
                ? Results.Ok(new CustomerResponse(customer.CustomerId, JsonValues.Row(customer.Features), customer.Segments,
                    // Only known ids get here, so the kept results stay bounded by the number of customers.
                    store.Cached("lifetime:" + customer.CustomerId, s => Lifetime.LifetimeTables.LoadColumns(s, customer.CustomerId)) is { } lifetime ? JsonValues.Row(lifetime) : null))
                : Problems.NotFound($"No customer with id '{id}'."))
            .Produces<CustomerResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A customer's features, RFM scores, segments and lifetime value (the CLV columns of customers.csv; null without a lifetime run; money in cents).");

        api.MapGet("/segments", (string? segmentation, StoreAccess store) =>
        {
            // Every segment of the snapshot, kept with it; the filter runs in memory (no user text in the key).
            var all = store.Cached("segments", s => SegmentCatalog.Segments(s));
            var kind = SegmentationKinds.TryParse(segmentation, out var parsed) ? parsed : (SegmentationKind?)null;
            IReadOnlyList<SegmentRecord> segments = segmentation is null ? all : kind is null ? [] : [.. all.Where(x => x.Segmentation == kind)];
            if (segmentation is not null && segments.Count == 0)
            {
                return store.Read(s => UnknownSegmentation(s, segmentation));
            }
            return Results.Ok(segments.Select(SegmentResponse.From).ToList());
        }).Produces<List<SegmentResponse>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every segment (optionally of one segmentation: rfm, kmeans, gmm) with size, revenue, name, explanation and action.");

        api.MapGet("/segments/{id:int}/customers", (int id, string? segmentation, int? page, int? pageSize, StoreAccess store) =>
        {
            var size = pageSize ?? 50;
            var number = page ?? 1;
            if (size is < 1 or > MaxPageSize)
            {
                return Problems.BadRequest("pageSize", $"pageSize must be between 1 and {MaxPageSize}; got {size}.");
            }
            if (number is < 1 or > 1_000_000)
            {
                return Problems.BadRequest("page", $"page must be between 1 and 1000000; got {number}.");
            }
            return store.Read(s =>
            {
                var name = segmentation ?? (SegmentCatalog.Primary(s) ?? SegmentationKind.Rfm).Id();
                if (!SegmentationKinds.TryParse(name, out var kind) || SegmentCatalog.Segments(s, kind).Count == 0)
                {
                    return UnknownSegmentation(s, name);
                }
                return SegmentCatalog.SegmentCustomers(s, kind, id, number, size) is { } result
                    ? Results.Ok(new CustomerPageResponse([.. result.Items.Select(JsonValues.Row)], result.PageNumber, result.PageSize, result.Total))
                    : Problems.NotFound($"No segment {id} in segmentation '{name}'.");
            });
        }).Produces<CustomerPageResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A page of a segment's customers, largest spenders first.");

        api.MapGet("/customers/{id}/recommendations", (string id, int? top, string? category, LookupCache lookups, StoreAccess store) =>
        {
            var count = top ?? 10;
            if (count is < 1 or > 100)
            {
                return Problems.BadRequest("top", $"top must be between 1 and 100; got {count}.");
            }
            if (lookups.Customer(id) is null)
            {
                return Problems.NotFound($"No customer with id '{id}'.");
            }
            return string.IsNullOrWhiteSpace(category)
                ? Results.Ok(lookups.Recommendations(id, count))
                : CategoryFilter.Recommendations(lookups, store, id, category.Trim(), count);
        }).Produces<List<RecommendationRecord>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A customer's recommended products, best first, each with the method and the reason; category= keeps those of one product category.");

        api.MapGet("/recommendations/new-picks", (StoreAccess store) =>
            store.Cached("new-picks", StoredRecommendations.NewPicks) is { Count: > 0 } choices
                ? Results.Ok(NewPicksResponse.From(choices))
                : Problems.NotFound("The database holds no recommendation run with its choice of new picks: run segmenta analyze FILE --out DIR."))
            .Produces<NewPicksResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("What ranked the new picks (the discovery model, or a popularity list it did not beat on held-out validation customers), for the evaluation and for the lists, with the comparison's precisions, difference and 95% bootstrap interval (as recommendation-new-picks.csv).");

        api.MapPost("/score", (ScoreRequest request, StoreAccess store) => store.Read(s =>
        {
            if (SegmentationTables.Model(s) is not { } model)
            {
                return Problems.NotFound("The database holds no clustering model: run segmenta analyze without --no-clusters.");
            }
            if (ScoreCheck.Problem(request, model.Features, SegmentationTables.ClusterableFeatures(s)) is { } problem)
            {
                return problem;
            }
            try
            {
                var (segment, probabilities) = model.Score(request.Features!);
                return Results.Ok(new ScoreResponse(segment, model.SegmentNames is { } names && segment < names.Count ? names[segment] : null,
                    probabilities?.Select(p => Math.Round(p, 6)).ToArray(), model.Algorithm.ToString(), model.Features));
            }
            catch (SegmentaException e)
            {
                return Problems.BadRequest("features", e.Message);
            }
        })).Accepts<ScoreRequest>("application/json").Produces<ScoreResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithBodyLimit(WebOptions.ScoreBodyBytes)
            .WithSummary("Assigns a customer, given by its features, to a segment of the saved model (probabilities for mixtures). Body up to 64 KB.");

        api.MapGet("/jobs/{id}", (string id, JobQueue jobs) =>
            jobs.Find(id) is { } job ? Results.Ok(job) : Problems.NotFound($"No job with id '{id}' (the latest 200 jobs are kept)."))
            .Produces<JobStatus>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A background job (re-run, upload, recommendation refresh): state, progress, step and outcome.");

        // DELETE, not a form-style POST: a page on another site cannot send it without a CORS preflight, which this server never grants.
        api.MapDelete("/jobs/{id}", (string id, JobQueue jobs) => jobs.Cancel(id) switch
        {
            null => Problems.NotFound($"No job with id '{id}'."),
            false => Problems.Problem(StatusCodes.Status409Conflict, "Job already finished", "id", $"Job '{id}' has already finished ({jobs.Find(id)?.State}); there is nothing to cancel."),
            true => Results.Accepted($"/api/jobs/{id}", jobs.Find(id)),
        }).Produces<JobStatus>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancels a queued or running job: it stops at its next step, the database is put back as it was, and the results served do not change. Follow it with GET /api/jobs/{id} (state Cancelled).");

        api.MapGet("/jobs", (JobQueue jobs) => Results.Ok(jobs.Latest(20)))
            .Produces<List<JobStatus>>().WithSummary("The latest background jobs, newest first.");
    }

    private static IResult UnknownSegmentation(Store.SegmentaStore store, string name)
    {
        var known = SegmentCatalog.Segments(store).Select(s => s.Segmentation.Id()).Distinct().ToList();
        return Problems.NotFound($"No segmentation '{name}' in this database; it holds {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
    }

    /// <summary>Body of POST /api/score: a customer's features by name (as in customers.csv, snake_case).</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    internal sealed record ScoreRequest(Dictionary<string, double>? Features);

    internal sealed record HealthResponse(string Status, long Customers, long Lines, DateTime? LastRun, string? RunningJob);

    internal sealed record CustomerResponse(string CustomerId, IReadOnlyDictionary<string, object?> Features, IReadOnlyList<CustomerSegmentRecord> Segments,
        IReadOnlyDictionary<string, object?>? Lifetime);

    internal sealed record CustomerPageResponse(IReadOnlyList<Dictionary<string, object?>> Items, int PageNumber, int PageSize, long Total);

    internal sealed record ScoreResponse(int Segment, string? Name, double[]? Probabilities, string Algorithm, IReadOnlyList<string> Features);

    /// <summary>Body of GET /api/recommendations/new-picks: the sentence the terminal and report give, and one entry per choice.</summary>
    internal sealed record NewPicksResponse(string Text, IReadOnlyList<NewPicksChoiceResponse> Choices)
    {
        internal static NewPicksResponse From(IReadOnlyList<NewPicksChoice> choices) => new(NewPicksChoice.Sentence(choices), [.. choices.Select(NewPicksChoiceResponse.From)]);
    }

    /// <summary>One stored choice; numbers to 6 decimals, null without a comparison.</summary>
    internal sealed record NewPicksChoiceResponse(string Scope, string ReferenceDay, string? ValidationDay, string RankedBy, string Basis, string? ComparedWith,
        int Customers, int K, double? ModelPrecision, double? GlobalPopularityPrecision, double? RecentPopularityPrecision, double? Difference,
        double? DifferenceLow, double? DifferenceHigh, int Resamples, string Text)
    {
        internal static NewPicksChoiceResponse From(NewPicksChoice c) => new(c.Scope.ToString(), c.ReferenceDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            c.ValidationDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.RankedBy.ToString(), c.Basis.ToString(), c.ComparedWith?.ToString(),
            c.Customers, c.K, JsonValues.Number(c.ModelPrecision, money: false), JsonValues.Number(c.GlobalPopularityPrecision, money: false),
            JsonValues.Number(c.RecentPopularityPrecision, money: false), JsonValues.Number(c.Difference, money: false), JsonValues.Number(c.DifferenceLow, money: false),
            JsonValues.Number(c.DifferenceHigh, money: false), c.Resamples, c.Describe());
    }

    internal sealed record SegmentResponse(string Segmentation, int SegmentId, string Name, long Customers, double CustomerShare, double Revenue,
        double RevenueShare, string Explanation, double Fidelity, string Action)
    {
        internal static SegmentResponse From(SegmentRecord s) => new(s.Segmentation.Id(), s.SegmentId, s.Name, s.Customers, Math.Round(s.CustomerShare, 6),
            JsonValues.Money(s.Revenue), Math.Round(s.RevenueShare, 6), s.Explanation, Math.Round(s.Fidelity, 6), s.Action);
    }
}
