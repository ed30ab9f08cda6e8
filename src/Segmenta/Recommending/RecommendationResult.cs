using Segmenta.Segmentation;

namespace Segmenta.Recommending;

/// <summary>What a recommendation run produced: the offline evaluation, the method chosen, the lists and the rules.</summary>
/// <param name="Cutoff">The last training day of the offline evaluation.</param>
/// <param name="Segmentation">The segmentation whose segments were used, or null when none.</param>
/// <param name="Evaluation">One row per method and setting.</param>
/// <param name="DefaultMethod">The method the options' mode names (buy-again and discovery by default), whose margins are reported.</param>
/// <param name="BestBaseline">The better of the two popularity baselines on new-items precision@K.</param>
/// <param name="MarginOverBaseline">New-items precision@K of the default method minus that of the best baseline, with a paired bootstrap interval (NaN for buy-again only).</param>
/// <param name="Method">The method the recommendations were made with (the default unless the options chose one).</param>
/// <param name="Customers">Customers with purchases (all of whom get a list).</param>
/// <param name="Products">Products that were ever bought (non-products excluded).</param>
/// <param name="TrainingLines">Order lines up to the cut.</param>
/// <param name="TestLines">Order lines after the cut.</param>
/// <param name="Recommendations">Top N per customer, fitted on all the data; by customer, then rank.</param>
/// <param name="Associations">Frequently-bought-together rules, the best few per product, fitted on all the data.</param>
/// <param name="Timings">Wall time of each step.</param>
public sealed record RecommendationResult(
    DateOnly Cutoff,
    SegmentationKind? Segmentation,
    IReadOnlyList<RecommendationEvaluationRow> Evaluation,
    RecommendationMethod DefaultMethod,
    RecommendationMethod BestBaseline,
    MetricInterval MarginOverBaseline,
    RecommendationMethod Method,
    int Customers,
    int Products,
    int TrainingLines,
    int TestLines,
    IReadOnlyList<Recommendation> Recommendations,
    IReadOnlyList<ProductAssociation> Associations,
    IReadOnlyList<RecommendationTiming> Timings)
{
    /// <summary>The options the run used (stored with the tables, so that a re-run repeats them).</summary>
    public RecommendationOptions Options { get; init; } = new();

    /// <summary>The best all-items baseline: the popularity lists or the customer's own favourites.</summary>
    public RecommendationMethod AllItemsBaseline { get; init; } = RecommendationMethod.PastFavourites;

    /// <summary>All-items precision@K of the default method minus that of <see cref="AllItemsBaseline"/>, with a paired bootstrap interval.</summary>
    public MetricInterval AllItemsMarginOverBaseline { get; init; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>The learned buy-again and discovery weights of the lists (validation split before the last day) and of the evaluation.</summary>
    public string CalibrationSummary { get; init; } = "";

    /// <summary>What ranked the new picks (the discovery model, or popularity when the model did not beat it on the validation split), in the evaluation and in the lists, with the comparison that chose it.</summary>
    public IReadOnlyList<NewPicksChoice> NewPicksChoices { get; init; } = [];

    /// <summary><see cref="NewPicksChoices"/> in words, as the terminal, the report and the dashboard give them (<see cref="NewPicksChoice.Sentence"/>).</summary>
    public string NewPicks => NewPicksChoice.Sentence(NewPicksChoices);

    /// <summary>The evaluation row of one method and setting, or null when it was not evaluated.</summary>
    public RecommendationEvaluationRow? Row(RecommendationMethod method, EvaluationSetting setting) =>
        Evaluation.FirstOrDefault(r => r.Method == method && r.Setting == setting);
}
