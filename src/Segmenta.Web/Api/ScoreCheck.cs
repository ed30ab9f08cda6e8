namespace Segmenta.Web.Api;

/// <summary>Checks a /api/score body before the model sees it: known feature names, finite values, no impossible negatives.</summary>
internal static class ScoreCheck
{
    // Counts, durations and shares: a customer cannot have fewer than zero of them. Money may be negative (net of returns).
    private static readonly string[] NonNegative =
    [
        "recency", "frequency", "tenure_days", "mean_days_between_purchases", "median_days_between_purchases", "items_bought",
        "distinct_products", "returns_count", "return_rate", "cancellation_rate", "favourite_hour",
    ];

    internal static IResult? Problem(ApiEndpoints.ScoreRequest request, IReadOnlyList<string> modelFeatures, IReadOnlyList<string> knownFeatures)
    {
        if (request.Features is not { Count: > 0 } features)
        {
            return Problems.BadRequest("features", $"Give the customer's features, e.g. {{\"features\": {{\"recency\": 3, \"frequency\": 7, \"monetary\": 4310}}}}; the model needs {string.Join(", ", modelFeatures)}.");
        }
        foreach (var (name, value) in features)
        {
            var field = "features." + name;
            if (!modelFeatures.Contains(name) && !knownFeatures.Contains(name))
            {
                return Problems.BadRequest(field, $"Unknown feature '{Clip(name)}'; the model needs {string.Join(", ", modelFeatures)}.");
            }
            if (!double.IsFinite(value))
            {
                return Problems.BadRequest(field, $"{Clip(name)} must be a finite number.");
            }
            if (value < 0 && NonNegative.Contains(name))
            {
                return Problems.BadRequest(field, $"{name} cannot be negative; got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        }
        return null;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
