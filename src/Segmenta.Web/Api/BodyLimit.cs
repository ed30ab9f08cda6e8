using Microsoft.AspNetCore.Http.Features;

namespace Segmenta.Web.Api;

/// <summary>Endpoint metadata: the largest request body the endpoint accepts.</summary>
internal sealed record BodyLimit(long Bytes)
{
    /// <summary>
    /// Applies each endpoint's limit (default <see cref="WebOptions.ScoreBodyBytes"/>): a declared length over it is
    /// refused at once with 413, and the server stops reading a longer streamed body at the limit.
    /// </summary>
    internal static async Task Enforce(HttpContext context, RequestDelegate next)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? WebOptions.ScoreBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        if (context.Request.ContentLength > limit)
        {
            var tooLarge = context.GetEndpoint()?.Metadata.GetMetadata<TooLargeRedirect>();
            if (tooLarge is not null && !WantsJson(context.Request))
            {
                context.Response.Redirect(tooLarge.Location);
                return;
            }
            await Results.Problem(title: "Body too large", statusCode: StatusCodes.Status413PayloadTooLarge,
                detail: $"This endpoint accepts bodies up to {Describe(limit)}; this one declares {Describe(context.Request.ContentLength.Value)}.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"at most {limit} bytes"] } })
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    internal static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase));

    internal static string Describe(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024):0.#} MB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";
}

/// <summary>Endpoint metadata: where a browser form goes when its body is over the limit (a page with a friendly message).</summary>
internal sealed record TooLargeRedirect(string Location);

/// <summary>Endpoint conventions for body limits.</summary>
internal static class BodyLimitExtensions
{
    internal static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new BodyLimit(bytes));
}
