namespace Segmenta.Recommending;

/// <summary>Wall time of one step of a recommendation run.</summary>
/// <param name="Step">What was done.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record RecommendationTiming(string Step, TimeSpan Elapsed);
