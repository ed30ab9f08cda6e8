namespace Segmenta.Recommending;

/// <summary>
/// Whether the discovery model earns its place over the popularity lists a shop would make anyway, decided on the
/// validation split alone: the model is fitted on half of the validation customers (even positions) and the other half
/// judge it against GlobalPopularity and RecentPopularity by precision@10 on the products new to each customer, as the
/// offline evaluation does. The model is used only when its paired difference over the better popularity list has a
/// 95% interval above zero — the evaluation's interval: a percentile bootstrap over the judges (<see cref="Bootstrap"/>,
/// the run's seed and resamples), so "beats popularity" means the same here as in the evaluation's margins; otherwise
/// the new picks are ranked by that list. On a shop where what a customer bought says nothing about what they will buy
/// new (only popularity does), popularity is the best list there is, and the tool says so instead of serving a model
/// that loses to it. What is stored and shown of the choice is <see cref="NewPicksChoice"/>.
/// </summary>
/// <param name="Source">What ranks the new picks.</param>
/// <param name="Customers">Held-out validation customers who bought something new in the window (the judges).</param>
/// <param name="Model">The discovery model's precision@10 on them (fitted without them).</param>
/// <param name="Global">GlobalPopularity's precision@10 on them.</param>
/// <param name="Recent">RecentPopularity's precision@10 on them.</param>
/// <param name="Difference">Model minus the better popularity list, mean over the judges.</param>
/// <param name="Low">Lower end of the difference's 95% interval.</param>
/// <param name="High">Upper end of the difference's 95% interval.</param>
/// <param name="Resamples">Bootstrap resamples of the judges behind the interval (0 when there was no comparison).</param>
internal sealed record TwoKindSelection(TwoKindDiscovery Source, int Customers, double Model, double Global, double Recent, double Difference, double Low, double High, int Resamples)
{
    /// <summary>The list length the choice is judged at (as the offline evaluation).</summary>
    public const int K = 10;

    /// <summary>The popularity list the model was compared with: the better of the two on the judges (global on a tie).</summary>
    public TwoKindDiscovery Baseline => Recent > Global ? TwoKindDiscovery.RecentPopularity : TwoKindDiscovery.GlobalPopularity;

    /// <summary>The first day of the validation window (the day the judges' features are taken), or null before it is known.</summary>
    public int? ValidationDay { get; init; }

    /// <summary>The last day of the validation window: the reference day (the cut, or the last day of the data).</summary>
    public int? ReferenceDay { get; init; }

    /// <summary>
    /// Chooses the source of the new picks. <paramref name="rows"/> are the discovery training rows of each of
    /// <paramref name="customers"/> (in that order); the truth is what each customer bought after the validation day.
    /// The interval is <see cref="Bootstrap.Intervals"/> with <paramref name="resamples"/> and <paramref name="seed"/>
    /// (the evaluation's); with 0 resamples (the evaluation's intervals turned off) the choice still needs one and draws
    /// <see cref="DefaultResamples"/>.
    /// </summary>
    public static TwoKindSelection Choose(TwoKindFeatures features, int[] customers, (double[] X, bool[] Y)[] rows, int[] truthStart, int[] truthItems, int resamples, int seed)
    {
        var fit = Enumerable.Range(0, customers.Length).Where(i => i % 2 == 0).ToArray();
        var judges = Enumerable.Range(0, customers.Length).Where(i => i % 2 == 1).ToArray();
        var fitY = fit.SelectMany(i => rows[i].Y).ToArray();
        if (judges.Length == 0 || !fitY.Contains(true))
        {
            return Unproven(0, double.NaN, double.NaN, double.NaN);
        }
        var model = LogisticModel.Fit([.. fit.SelectMany(i => rows[i].X)], fitY, TwoKindFeatures.DiscoveryCount);
        var ranker = new TwoKindRanker(RecommendationMethod.Discovery, features, TwoKindCalibration.Prior with { Discovery = model });
        var data = features.Data;
        var hits = new (int Model, int Global, int Recent, bool Judged)[judges.Length];
        Parallel.For(0, judges.Length, () => (Buffer: new ScoringBuffer(data.Products), Truth: new int[data.Products], Stamp: new int[1], Top: new Pick[K]), (j, _, state) =>
        {
            var c = customers[judges[j]];
            var stamp = ++state.Stamp[0];
            state.Buffer.Begin(data, c);
            var judged = false;
            for (var e = truthStart[c]; e < truthStart[c + 1]; e++)
            {
                state.Truth[truthItems[e]] = stamp;
                judged |= !state.Buffer.Knows(truthItems[e]);
            }
            if (judged)
            {
                var n = ranker.RankByLogit(c, newOnly: true, state.Top, state.Buffer);
                var model = 0;
                for (var r = 0; r < n; r++)
                {
                    model += state.Truth[state.Top[r].Product] == stamp ? 1 : 0;
                }
                hits[j] = (model, Hits(features.GlobalOrder, state.Buffer, state.Truth, stamp), Hits(features.RecentOrder, state.Buffer, state.Truth, stamp), true);
            }
            return state;
        }, static _ => { });
        var judged = hits.Where(h => h.Judged).ToArray();
        if (judged.Length < 2)
        {
            return Unproven(judged.Length, double.NaN, double.NaN, double.NaN);
        }
        var global = judged.Average(h => h.Global) / K;
        var recent = judged.Average(h => h.Recent) / K;
        var best = recent > global ? TwoKindDiscovery.RecentPopularity : TwoKindDiscovery.GlobalPopularity;
        var differences = judged.Select(h => (double)(h.Model - (best == TwoKindDiscovery.GlobalPopularity ? h.Global : h.Recent)) / K).ToArray();
        var draws = resamples > 0 ? resamples : DefaultResamples;
        var (low, high) = Bootstrap.Intervals(differences, differences.Length, 1, draws, seed)[0];
        var modelPrecision = judged.Average(h => h.Model) / K;
        return new TwoKindSelection(low > 0 ? TwoKindDiscovery.EaseModel : best, judged.Length, modelPrecision, global, recent, differences.Average(), low, high, draws);
    }

    /// <summary>Resamples drawn when the run's options turn the evaluation's intervals off (the default of <see cref="RecommendationOptions.BootstrapResamples"/>).</summary>
    public const int DefaultResamples = 1000;

    private static TwoKindSelection Unproven(int customers, double model, double global, double recent) =>
        new(TwoKindDiscovery.GlobalPopularity, customers, model, global, recent, double.NaN, double.NaN, double.NaN, 0);

    /// <summary>Hits among the first K products of a popularity order that the customer does not know.</summary>
    private static int Hits(int[] order, ScoringBuffer buffer, int[] truth, int stamp)
    {
        var (taken, hits) = (0, 0);
        for (var i = 0; i < order.Length && taken < K; i++)
        {
            var p = order[i];
            if (!buffer.Knows(p))
            {
                taken++;
                hits += truth[p] == stamp ? 1 : 0;
            }
        }
        return hits;
    }
}
