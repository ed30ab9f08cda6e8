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
        var perCustomer = new Dictionary<(RecommendationMethod, EvaluationSetting), double[]>();
        var catalogue = Enumerable.Range(0, train.Products).Count(p => train.BuyerCount(p) > 0);
        foreach (var setting in (EvaluationSetting[])[EvaluationSetting.AllItems, EvaluationSetting.NewItems])
        {
            var newOnly = setting == EvaluationSetting.NewItems;
            var methods = models.Methods.Where(m => !(newOnly && m is RecommendationMethod.PastFavourites or RecommendationMethod.BuyAgain)).Order().ToArray();
            foreach (var method in methods)
            {
                _ = models[method]; // fit before the parallel loop
            }
            var eligible = EvaluatedCustomers(train, truthStart, truthItems, newOnly);
            var customers = EvaluationSample.Take(eligible, log.CustomerIds, options.EvaluationCustomers, options.Seed);
            var series = methods.Length * RankingMetrics.Count;
            var values = new double[customers.Length * series];
            var recommended = new bool[methods.Length][];
            for (var m = 0; m < methods.Length; m++)
            {
                recommended[m] = new bool[train.Products];
            }
            var k = options.EvaluationK;
            Parallel.For(0, customers.Length, () => (Buffer: new ScoringBuffer(train.Products), Truth: new int[train.Products], Stamp: new int[1]), (i, _, state) =>
            {
                var c = customers[i];
                state.Buffer.Begin(train, c);
                var stamp = ++state.Stamp[0];
                var relevant = 0;
                for (var e = truthStart[c]; e < truthStart[c + 1]; e++)
                {
                    if (!(newOnly && state.Buffer.Knows(truthItems[e])))
                    {
                        state.Truth[truthItems[e]] = stamp;
                        relevant++;
                    }
                }
                Span<Pick> top = stackalloc Pick[k];
                Span<bool> hits = stackalloc bool[k];
                for (var m = 0; m < methods.Length; m++)
                {
                    var n = models[methods[m]].Rank(c, newOnly, top, state.Buffer);
                    for (var r = 0; r < n; r++)
                    {
                        hits[r] = state.Truth[top[r].Product] == stamp;
                        recommended[m][top[r].Product] = true; // benign race: every writer writes true
                    }
                    RankingMetrics.Compute(hits[..n], relevant, k, values.AsSpan((i * series) + (m * RankingMetrics.Count), RankingMetrics.Count));
                }
                return state;
            }, static _ => { });

            var intervals = Bootstrap.Intervals(values, customers.Length, series, options.BootstrapResamples, options.Seed);
            for (var m = 0; m < methods.Length; m++)
            {
                var metric = new MetricInterval[RankingMetrics.Count];
                for (var x = 0; x < RankingMetrics.Count; x++)
                {
                    var s = (m * RankingMetrics.Count) + x;
                    var mean = 0.0;
                    for (var i = 0; i < customers.Length; i++)
                    {
                        mean += values[(i * series) + s];
                    }
                    metric[x] = new MetricInterval(customers.Length == 0 ? 0 : mean / customers.Length, intervals[s].Low, intervals[s].High);
                }
                rows.Add(new RecommendationEvaluationRow(methods[m], setting, customers.Length, k, metric[0], metric[1], metric[2], metric[3], metric[4],
                    catalogue == 0 ? 0 : (double)recommended[m].Count(b => b) / catalogue) { EligibleCustomers = eligible.Length });
                var precision = new double[customers.Length];
                for (var i = 0; i < customers.Length; i++)
                {
                    precision[i] = values[(i * series) + (m * RankingMetrics.Count)];
                }
                perCustomer[(methods[m], setting)] = precision;
            }
        }

        var chosen = options.ListMethod;
        var (baseline, margin) = Margin(rows, perCustomer, chosen, EvaluationSetting.NewItems, Baselines, options);
        var (allBaseline, allMargin) = Margin(rows, perCustomer, chosen, EvaluationSetting.AllItems, AllItemsBaselines, options);
        var trainingLines = log.Day.Count(d => d <= cutDay);
        return new EvaluationOutcome(cutoff, rows, chosen, baseline, margin, trainingLines, log.Lines - trainingLines)
        {
            AllItemsBaseline = allBaseline,
            AllItemsMargin = allMargin,
            Calibration = models.Calibration,
        };
    }

    /// <summary>
    /// The best baseline of a setting by precision@K, and the chosen method's precision minus the baseline's with a
    /// paired bootstrap interval (NaN when the chosen method offers nothing in that setting).
    /// </summary>
    private static (RecommendationMethod Baseline, MetricInterval Margin) Margin(
        List<RecommendationEvaluationRow> rows, Dictionary<(RecommendationMethod, EvaluationSetting), double[]> perCustomer,
        RecommendationMethod chosen, EvaluationSetting setting, RecommendationMethod[] baselines, RecommendationOptions options)
    {
        var baseline = rows.Where(r => r.Setting == setting && baselines.Contains(r.Method))
            .OrderByDescending(r => r.Precision.Value).ThenBy(r => r.Method).First().Method;
        if (!perCustomer.TryGetValue((chosen, setting), out var a))
        {
            return (baseline, new MetricInterval(double.NaN, double.NaN, double.NaN));
        }
        var b = perCustomer[(baseline, setting)];
        var difference = a.Select((v, i) => v - b[i]).ToArray();
        var interval = Bootstrap.Intervals(difference, difference.Length, 1, options.BootstrapResamples, options.Seed)[0];
        return (baseline, new MetricInterval(difference.Length == 0 ? 0 : difference.Average(), interval.Low, interval.High));
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
}
