namespace Segmenta.Recommending;

/// <summary>
/// Offline evaluation with a global time split: every recommender is fitted on the lines up to the cut day and judged
/// on what each customer bought after it. Only customers who bought on both sides count. In the new-items setting the
/// products a customer bought before the cut are removed from both the recommendations and the truth, and customers
/// with no new product after the cut are left out. Metrics at K per customer (<see cref="RankingMetrics"/>), averaged,
/// with paired percentile-bootstrap 95% intervals over customers.
/// </summary>
internal static class RecommendationEvaluator
{
    /// <summary>The simple baselines the default method must beat.</summary>
    public static readonly RecommendationMethod[] Baselines = [RecommendationMethod.GlobalPopularity, RecommendationMethod.RecentPopularity];

    /// <summary>The cut when none is given: the day before (last day − 3 calendar months).</summary>
    public static DateOnly DefaultCutoff(PurchaseLog log) => PurchaseLog.ToDate(log.LastDay).AddMonths(-3).AddDays(-1);

    /// <summary>The baselines of the all-items setting: the popularity lists and the customer's own favourites.</summary>
    public static readonly RecommendationMethod[] AllItemsBaselines = [.. Baselines, RecommendationMethod.PastFavourites];

    public static EvaluationOutcome Evaluate(PurchaseLog log, RecommendationOptions options) => Evaluate(log, options, new ReferenceDayFits(log, options));

    public static EvaluationOutcome Evaluate(PurchaseLog log, RecommendationOptions options, ReferenceDayFits fits)
    {
        var cutoff = options.Cutoff ?? DefaultCutoff(log);
        var cutDay = PurchaseLog.ToDay(cutoff);
        if (cutDay < log.FirstDay || cutDay >= log.LastDay)
        {
            throw new SegmentaException(
                $"The cut-off {cutoff:yyyy-MM-dd} leaves no training or no test data: the purchases run from {PurchaseLog.ToDate(log.FirstDay):yyyy-MM-dd} to {PurchaseLog.ToDate(log.LastDay):yyyy-MM-dd}. Choose a date between them.");
        }
        var models = fits.Fit(cutDay);
        var train = models.Data;
        var (truthStart, truthItems) = TestTruth(log, cutDay);

        var rows = new List<RecommendationEvaluationRow>();
        var catalogue = Enumerable.Range(0, train.Products).Count(p => train.BuyerCount(p) > 0);
        var plans = ((EvaluationSetting[])[EvaluationSetting.AllItems, EvaluationSetting.NewItems])
            .Select(setting => SettingPlan.Create(setting, models, train, truthStart, truthItems, options)).ToArray();
        var evaluated = models.Methods.Order().ToArray();
        if (fits.AtOnce)
        {
            // A small log: the rankers are fitted side by side, none waiting for another (FittedRecommenders.FitSideBySide),
            // instead of one after another (≈ 0.23 s of one core on the shared data).
            try
            {
                models.FitSideBySide();
            }
            catch (AggregateException)
            {
                // A ranker whose fit failed keeps its exception (Lazy): asked for below in method order, the first
                // failure is thrown unwrapped, as fitting one after another throws it.
            }
        }
        var rankers = evaluated.Select(m => models[m]).ToArray(); // fitted before the parallel loop
        var slotOf = new Dictionary<RecommendationMethod, int>();
        for (var r = 0; r < rankers.Length; r++)
        {
            slotOf[rankers[r].Method] = r;
        }
        var k = options.EvaluationK;
        // Each customer of either setting once: a method whose list does not depend on the setting (it never offers
        // a known product) is ranked once for both, and the customer's EASE scores are computed once.
        var union = plans.SelectMany(p => p.Customers).Distinct().Order().ToArray();
        var blend = BlendSlots.Find(rankers);
        Parallel.For(0, union.Length, () => new EvaluationState(train.Products, rankers.Length, k), (u, _, state) =>
        {
            var c = union[u];
            state.Buffer.Begin(train, c);
            Array.Clear(state.Ranked);
            Array.Clear(state.ByLogit);
            Span<bool> hits = stackalloc bool[k];
            foreach (var plan in plans)
            {
                var i = plan.Row[c];
                if (i < 0)
                {
                    continue;
                }
                var stamp = ++state.Stamp;
                var relevant = 0;
                for (var e = truthStart[c]; e < truthStart[c + 1]; e++)
                {
                    if (!(plan.NewOnly && state.Buffer.Knows(truthItems[e])))
                    {
                        state.Truth[truthItems[e]] = stamp;
                        relevant++;
                    }
                }
                for (var m = 0; m < plan.Methods.Length; m++)
                {
                    var slot = slotOf[plan.Methods[m]];
                    var ranker = rankers[slot];
                    var shared = ranker.NeverOffersKnown;
                    if (!shared || !state.Ranked[slot])
                    {
                        state.Count[slot] = ranker is TwoKindRanker twoKind
                            ? RankTwoKind(twoKind, slot, c, plan.NewOnly, state, blend)
                            : ranker.Rank(c, plan.NewOnly, state.Lists[slot], state.Buffer);
                        state.Ranked[slot] = shared;
                    }
                    var top = state.Lists[slot].AsSpan(0, state.Count[slot]);
                    for (var r = 0; r < top.Length; r++)
                    {
                        hits[r] = state.Truth[top[r].Product] == stamp;
                        plan.Recommended[m][top[r].Product] = true; // benign race: every writer writes true
                    }
                    RankingMetrics.Compute(hits[..top.Length], relevant, k, plan.Values.AsSpan((i * plan.Series) + (m * RankingMetrics.Count), RankingMetrics.Count));
                }
            }
            return state;
        }, static _ => { });

        var chosen = options.ListMethod;
        var margins = new Dictionary<EvaluationSetting, (RecommendationMethod Baseline, MetricInterval Margin)>();
        foreach (var plan in plans)
        {
            var (setting, methods, customers, values, series) = (plan.Setting, plan.Methods, plan.Customers, plan.Values, plan.Series);
            var means = new double[series];
            for (var s = 0; s < series; s++)
            {
                var sum = 0.0;
                for (var i = 0; i < customers.Length; i++)
                {
                    sum += values[(i * series) + s];
                }
                means[s] = customers.Length == 0 ? 0 : sum / customers.Length;
            }
            // The chosen method's margin over the setting's best baseline is bootstrapped with the metrics, as one more
            // series of the same draws (below).
            var baselines = setting == EvaluationSetting.NewItems ? Baselines : AllItemsBaselines;
            var best = Enumerable.Range(0, methods.Length).Where(m => baselines.Contains(methods[m]))
                .OrderByDescending(m => means[m * RankingMetrics.Count]).ThenBy(m => methods[m]).Select(m => methods[m]).First();
            var difference = Difference(plan, chosen, best);
            var intervals = Bootstrap.Intervals(difference is null ? values : WithSeries(values, customers.Length, series, difference),
                customers.Length, difference is null ? series : series + 1, options.BootstrapResamples, options.Seed);
            margins[setting] = (best, difference is null
                ? new MetricInterval(double.NaN, double.NaN, double.NaN)
                : new MetricInterval(difference.Length == 0 ? 0 : difference.Average(), intervals[series].Low, intervals[series].High));
            for (var m = 0; m < methods.Length; m++)
            {
                var metric = new MetricInterval[RankingMetrics.Count];
                for (var x = 0; x < RankingMetrics.Count; x++)
                {
                    var s = (m * RankingMetrics.Count) + x;
                    metric[x] = new MetricInterval(means[s], intervals[s].Low, intervals[s].High);
                }
                rows.Add(new RecommendationEvaluationRow(methods[m], setting, customers.Length, k, metric[0], metric[1], metric[2], metric[3], metric[4],
                    catalogue == 0 ? 0 : (double)plan.Recommended[m].Count(b => b) / catalogue) { EligibleCustomers = plan.Eligible });
            }
        }

        var (baseline, margin) = margins[EvaluationSetting.NewItems];
        var (allBaseline, allMargin) = margins[EvaluationSetting.AllItems];
        var trainingLines = log.Day.Count(d => d <= cutDay);
        return new EvaluationOutcome(cutoff, rows, chosen, baseline, margin, trainingLines, log.Lines - trainingLines)
        {
            AllItemsBaseline = allBaseline,
            AllItemsMargin = allMargin,
            Calibration = models.Calibration,
        };
    }

    /// <summary>
    /// A buy-again or discovery list, keeping its picks by logit for the blend of the two: the blend's list is merged
    /// from its parts' (<see cref="TwoKindRanker.Merge"/>) instead of scoring every candidate a second time — in the
    /// new-items setting it is the discovery list itself. The same products in the same order as <see cref="IRanker.Rank"/>,
    /// without <see cref="TwoKindRanker.Finish"/>: the evaluation judges the products alone, so their probabilities and
    /// the product that explains each discovery pick (EASE's strongest contribution, per pick) are not computed.
    /// </summary>
    private static int RankTwoKind(TwoKindRanker ranker, int slot, int customer, bool newOnly, EvaluationState state, BlendSlots blend)
    {
        var byLogit = state.Logits[slot];
        var count = -1;
        if (slot == blend.Blend && state.ByLogit[blend.Discovery] != Unranked && (newOnly || state.ByLogit[blend.BuyAgain] == AllItemsRanked))
        {
            ReadOnlySpan<Pick> buyAgain = newOnly ? [] : state.Logits[blend.BuyAgain].AsSpan(0, state.LogitCount[blend.BuyAgain]);
            count = TwoKindRanker.Merge(buyAgain, state.Logits[blend.Discovery].AsSpan(0, state.LogitCount[blend.Discovery]), byLogit);
        }
        if (count < 0)
        {
            count = ranker.RankByLogit(customer, newOnly, byLogit, state.Buffer);
        }
        (state.LogitCount[slot], state.ByLogit[slot]) = (count, newOnly ? NewItemsRanked : AllItemsRanked);
        byLogit.AsSpan(0, count).CopyTo(state.Lists[slot]);
        return count;
    }

    private const byte Unranked = 0;
    private const byte AllItemsRanked = 1;
    private const byte NewItemsRanked = 2;

    /// <summary>The evaluation slots of the buy-again, discovery and blended rankers (-1 when one is not evaluated).</summary>
    private readonly record struct BlendSlots(int BuyAgain, int Discovery, int Blend)
    {
        public static BlendSlots Find(IRanker[] rankers)
        {
            int Slot(RecommendationMethod method) => Array.FindIndex(rankers, r => r.Method == method && r is TwoKindRanker);
            var slots = new BlendSlots(Slot(RecommendationMethod.BuyAgain), Slot(RecommendationMethod.Discovery), Slot(RecommendationMethod.BuyAgainAndDiscovery));
            return slots.BuyAgain < 0 || slots.Discovery < 0 || slots.Blend < 0 ? new BlendSlots(-1, -1, -1) : slots;
        }
    }

    /// <summary>
    /// Per customer of the setting, the chosen method's precision@K minus the baseline's (null when the chosen method is
    /// not judged in that setting: it offers nothing there).
    /// </summary>
    private static double[]? Difference(SettingPlan plan, RecommendationMethod chosen, RecommendationMethod baseline)
    {
        var (a, b) = (Array.IndexOf(plan.Methods, chosen), Array.IndexOf(plan.Methods, baseline));
        if (a < 0)
        {
            return null;
        }
        var difference = new double[plan.Customers.Length];
        for (var i = 0; i < difference.Length; i++)
        {
            var row = i * plan.Series;
            difference[i] = plan.Values[row + (a * RankingMetrics.Count)] - plan.Values[row + (b * RankingMetrics.Count)];
        }
        return difference;
    }

    /// <summary>
    /// customers × (series + 1) values: each row's series and then the extra one. The bootstrap sums every series on its
    /// own over the same draws (<see cref="Bootstrap.Intervals"/>), so the extra series gets the interval it would get
    /// bootstrapped alone with the same seed, and the others theirs, without drawing the customers a second time.
    /// </summary>
    private static double[] WithSeries(double[] values, int customers, int series, double[] extra)
    {
        var wider = new double[customers * (series + 1)];
        for (var i = 0; i < customers; i++)
        {
            values.AsSpan(i * series, series).CopyTo(wider.AsSpan(i * (series + 1), series));
            wider[(i * (series + 1)) + series] = extra[i];
        }
        return wider;
    }

    /// <summary>Distinct products each customer bought after the cut (CSR over customers).</summary>
    internal static (int[] Start, int[] Items) TestTruth(PurchaseLog log, int cutDay)
    {
        var start = new int[log.Customers + 1];
        var items = new List<int>();
        var stamp = new int[log.Products];
        for (var c = 0; c < log.Customers; c++)
        {
            for (var l = log.CustomerStart[c]; l < log.CustomerStart[c + 1]; l++)
            {
                if (log.Day[l] > cutDay && stamp[log.Product[l]] != c + 1)
                {
                    stamp[log.Product[l]] = c + 1;
                    items.Add(log.Product[l]);
                }
            }
            start[c + 1] = items.Count;
        }
        return (start, [.. items]);
    }

    /// <summary>Customers with purchases before and after the cut (and, for new items, at least one new product after it).</summary>
    internal static int[] EvaluatedCustomers(Interactions train, int[] truthStart, int[] truthItems, bool newOnly)
    {
        var result = new List<int>();
        var known = new HashSet<int>();
        for (var c = 0; c < train.Customers; c++)
        {
            if (train.Distinct(c) == 0 || truthStart[c + 1] == truthStart[c])
            {
                continue;
            }
            if (newOnly)
            {
                known.Clear();
                for (var e = train.RowStart[c]; e < train.RowStart[c + 1]; e++)
                {
                    known.Add(train.Items[e]);
                }
                var anyNew = false;
                for (var e = truthStart[c]; e < truthStart[c + 1] && !anyNew; e++)
                {
                    anyNew = !known.Contains(truthItems[e]);
                }
                if (!anyNew)
                {
                    continue;
                }
            }
            result.Add(c);
        }
        return [.. result];
    }

    /// <summary>One setting of the evaluation: its methods, its customers (row index per customer, -1 when not judged) and its results.</summary>
    private sealed class SettingPlan
    {
        public required EvaluationSetting Setting { get; init; }

        public required bool NewOnly { get; init; }

        public required RecommendationMethod[] Methods { get; init; }

        public required int Eligible { get; init; }

        public required int[] Customers { get; init; }

        public required int[] Row { get; init; }

        public required double[] Values { get; init; }

        public required bool[][] Recommended { get; init; }

        public int Series => Methods.Length * RankingMetrics.Count;

        public static SettingPlan Create(EvaluationSetting setting, FittedRecommenders models, Interactions train, int[] truthStart, int[] truthItems, RecommendationOptions options)
        {
            var newOnly = setting == EvaluationSetting.NewItems;
            var methods = models.Methods.Where(m => !(newOnly && m is RecommendationMethod.PastFavourites or RecommendationMethod.BuyAgain)).Order().ToArray();
            var eligible = EvaluatedCustomers(train, truthStart, truthItems, newOnly);
            var customers = EvaluationSample.Take(eligible, train.Log.CustomerIds, options.EvaluationCustomers, options.Seed);
            var row = new int[train.Customers];
            Array.Fill(row, -1);
            for (var i = 0; i < customers.Length; i++)
            {
                row[customers[i]] = i;
            }
            return new SettingPlan
            {
                Setting = setting,
                NewOnly = newOnly,
                Methods = methods,
                Eligible = eligible.Length,
                Customers = customers,
                Row = row,
                Values = new double[customers.Length * methods.Length * RankingMetrics.Count],
                Recommended = [.. methods.Select(_ => new bool[train.Products])],
            };
        }
    }

    /// <summary>Per-thread scratch of the evaluation: the scoring buffer, the truth stamps and each method's last list.</summary>
    private sealed class EvaluationState(int products, int methods, int k)
    {
        public ScoringBuffer Buffer { get; } = new(products);

        public int[] Truth { get; } = new int[products];

        public int Stamp { get; set; }

        public Pick[][] Lists { get; } = [.. Enumerable.Range(0, methods).Select(_ => new Pick[k])];

        public int[] Count { get; } = new int[methods];

        /// <summary>Whether the slot holds this customer's list for every setting (a method that never offers known products).</summary>
        public bool[] Ranked { get; } = new bool[methods];

        /// <summary>A buy-again or discovery slot's picks by logit for this customer (<see cref="RankTwoKind"/>).</summary>
        public Pick[][] Logits { get; } = [.. Enumerable.Range(0, methods).Select(_ => new Pick[k])];

        public int[] LogitCount { get; } = new int[methods];

        /// <summary>For which setting the slot's picks by logit were ranked for this customer (Unranked, AllItemsRanked, NewItemsRanked).</summary>
        public byte[] ByLogit { get; } = new byte[methods];
    }
}
