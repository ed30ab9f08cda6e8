using System.Globalization;

namespace Segmenta.Recommending;

/// <summary>
/// What ranked the new picks (products a customer never bought) of the buy-again + discovery lists, and the held-out
/// comparison that chose it (<see cref="TwoKindSelection"/>): the discovery model only where it beat the better
/// popularity list on held-out validation customers with a 95% bootstrap interval of the paired difference above zero.
/// A run makes the choice twice (<see cref="NewPicksScope"/>). This record is the one source of the fact: the store's
/// <c>recommendation_new_picks</c>, <c>recommendation-new-picks.csv</c>, the terminal line, the report and the dashboard
/// are written from it, and its text is <see cref="Describe"/> / <see cref="Sentence"/> of it.
/// </summary>
/// <param name="Scope">The evaluation's choice (before the cut) or the lists' (before the last day).</param>
/// <param name="ReferenceDay">The cut, or the last day of the data: the end of the validation window.</param>
/// <param name="ValidationDay">The first day of the validation window (features as of it, purchases after it judged); null without one.</param>
/// <param name="RankedBy">Discovery (the discovery model), GlobalPopularity or RecentPopularity.</param>
/// <param name="Basis">What decided it.</param>
/// <param name="ComparedWith">The popularity list the model's difference is taken over (the better one on the judges); null without a comparison.</param>
/// <param name="Customers">Held-out validation customers who bought a new product in the window (the judges).</param>
/// <param name="K">The list length of the precisions.</param>
/// <param name="ModelPrecision">The discovery model's precision@K on new products over the judges (fitted without them); NaN without a comparison.</param>
/// <param name="GlobalPopularityPrecision">GlobalPopularity's precision@K over the judges.</param>
/// <param name="RecentPopularityPrecision">RecentPopularity's precision@K over the judges.</param>
/// <param name="Difference">Model minus <paramref name="ComparedWith"/>, mean over the judges.</param>
/// <param name="DifferenceLow">Lower end of the difference's 95% percentile-bootstrap interval over the judges.</param>
/// <param name="DifferenceHigh">Upper end of that interval.</param>
/// <param name="Resamples">Bootstrap resamples behind the interval (the run's seed); 0 without a comparison.</param>
public sealed record NewPicksChoice(
    NewPicksScope Scope,
    DateOnly ReferenceDay,
    DateOnly? ValidationDay,
    RecommendationMethod RankedBy,
    NewPicksBasis Basis,
    RecommendationMethod? ComparedWith,
    int Customers,
    int K,
    double ModelPrecision,
    double GlobalPopularityPrecision,
    double RecentPopularityPrecision,
    double Difference,
    double DifferenceLow,
    double DifferenceHigh,
    int Resamples)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>True when the discovery model ranks the new picks.</summary>
    public bool ByModel => RankedBy == RecommendationMethod.Discovery;

    /// <summary>The choice in words (what ranks the new picks and why, with the judges' numbers).</summary>
    public string Describe()
    {
        switch (Basis)
        {
            case NewPicksBasis.NoValidationData:
                return "the discovery model's prior weights (no validation data)";
            case NewPicksBasis.TooFewCustomers:
                return string.Create(Invariant, $"ranked by {Words(RankedBy)}: too few held-out validation customers ({Customers:N0}) to show that the discovery model beats it");
        }
        var figures = string.Create(Invariant,
            $"precision@{K} {ModelPrecision:0.000} against global popularity {GlobalPopularityPrecision:0.000} and recent popularity {RecentPopularityPrecision:0.000}, "
            + $"difference over {Words(ComparedWith ?? RecommendationMethod.GlobalPopularity)} {Difference:+0.0000;-0.0000;0.0000} [{DifferenceLow:0.0000;-0.0000;0.0000}, {DifferenceHigh:0.0000;-0.0000;0.0000}] "
            + $"(95% bootstrap interval, {Resamples:N0} resamples) on {Customers:N0} held-out validation customers");
        return ByModel
            ? $"ranked by the discovery model (EASE + popularity): it beat popularity on the validation split ({figures})"
            : $"ranked by {Words(RankedBy)}: the discovery model did not beat it on the validation split, so the data shows no signal beyond popularity for new products ({figures})";
    }

    /// <summary>"New picks in the evaluation: ... In the lists: ..." (the terminal's line, the report's and the dashboard's text); empty without choices.</summary>
    public static string Sentence(IReadOnlyList<NewPicksChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var parts = new List<string>();
        foreach (var (scope, words) in new[] { (NewPicksScope.Evaluation, "New picks in the evaluation"), (NewPicksScope.Lists, "In the lists") })
        {
            if (choices.FirstOrDefault(c => c.Scope == scope) is { } choice)
            {
                parts.Add($"{words}: {choice.Describe()}.");
            }
        }
        return string.Join(" ", parts);
    }

    /// <summary>The evaluation's and the lists' choices of a run (both always made: a missing validation split gives the prior).</summary>
    internal static IReadOnlyList<NewPicksChoice> Of(TwoKindCalibration evaluation, DateOnly cutoff, TwoKindCalibration lists, DateOnly lastDay) =>
        [From(NewPicksScope.Evaluation, evaluation.Selection, cutoff), From(NewPicksScope.Lists, lists.Selection, lastDay)];

    private static NewPicksChoice From(NewPicksScope scope, TwoKindSelection? selection, DateOnly referenceDay)
    {
        if (selection is null)
        {
            return new NewPicksChoice(scope, referenceDay, null, RecommendationMethod.Discovery, NewPicksBasis.NoValidationData, null, 0, TwoKindSelection.K,
                double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }
        var compared = double.IsFinite(selection.Difference);
        return new NewPicksChoice(scope, referenceDay, selection.ValidationDay is { } day ? PurchaseLog.ToDate(day) : null, Method(selection.Source),
            compared ? NewPicksBasis.Compared : NewPicksBasis.TooFewCustomers, compared ? Method(selection.Baseline) : null, selection.Customers, TwoKindSelection.K,
            selection.Model, selection.Global, selection.Recent, selection.Difference, selection.Low, selection.High, selection.Resamples);
    }

    private static RecommendationMethod Method(TwoKindDiscovery source) => source switch
    {
        TwoKindDiscovery.EaseModel => RecommendationMethod.Discovery,
        TwoKindDiscovery.GlobalPopularity => RecommendationMethod.GlobalPopularity,
        _ => RecommendationMethod.RecentPopularity,
    };

    private static string Words(RecommendationMethod method) => method switch
    {
        RecommendationMethod.GlobalPopularity => "global popularity",
        RecommendationMethod.RecentPopularity => "recent popularity",
        _ => "the discovery model",
    };
}
