namespace Segmenta.Reporting;

/// <summary>One row of the stored offline evaluation.</summary>
internal sealed record EvaluationRow(string Method, string Setting, long Customers, double Precision, double PrecisionLow, double PrecisionHigh,
    double Recall, double Map, double Ndcg, double HitRate, double Coverage, bool IsDefault, DateOnly Cutoff, long EligibleCustomers, int K);

/// <summary>An example list: a customer of a segment and the first recommendations with their reasons.</summary>
internal sealed record RecommendationExample(string Segment, string CustomerId, IReadOnlyList<(string Description, string Reason)> Items);

/// <summary>The recommendations as the report shows them.</summary>
internal sealed record RecommendationReport(IReadOnlyList<EvaluationRow> Evaluation, IReadOnlyList<RecommendationExample> Examples)
{
    /// <summary>What ranked the new picks, as stored (empty for a store written before the choice was stored).</summary>
    public IReadOnlyList<Recommending.NewPicksChoice> NewPicks { get; init; } = [];
}
