namespace Segmenta.Recommending;

/// <summary>
/// The buy-again and discovery models' weights, learned on a validation split: features at the split's first day
/// (everything known then), labels = whether the customer bought the product in the window after it, among the
/// customers who bought in that window. Both are logistic regressions, so both give the probability of a purchase in
/// the window and the two kinds of picks can share one list ranked by it: that is the learned mix.
/// Rows: every product the customer bought before (buy-again); for discovery the customer's 50 best EASE products and
/// 20 recent best-sellers they never bought. At most 20,000 validation customers (every n-th) are used.
/// The new picks are ranked by the discovery model only when it beat popularity on held-out validation customers
/// (<see cref="TwoKindSelection"/>); otherwise by that popularity list, with a discovery model fitted on popularity
/// alone (the EASE score left out) so that its probabilities still mix with the buy-again picks'.
/// </summary>
internal sealed record TwoKindCalibration(LogisticModel BuyAgain, LogisticModel Discovery, int Customers, int BuyAgainRows, int DiscoveryRows)
{
    /// <summary>What ranks the new picks (the discovery model unless it failed to beat popularity before the reference day).</summary>
    public TwoKindDiscovery DiscoveryBy { get; init; } = TwoKindDiscovery.EaseModel;

    /// <summary>The held-out comparison that chose <see cref="DiscoveryBy"/>; null for the prior.</summary>
    public TwoKindSelection? Selection { get; init; }

    private const int EaseCandidates = 50;
    private const int PopularCandidates = 20;
    private const int MaxCustomers = 20_000;

    /// <summary>Used when there is no validation window: frequent recent favourites first, then EASE's best.</summary>
    public static TwoKindCalibration Prior { get; } = new(
        new LogisticModel(new double[TwoKindFeatures.BuyAgainCount], Ones(TwoKindFeatures.BuyAgainCount), [-2, 0, 0, 0, 0, 1, 0, 0, 0, 0]),
        new LogisticModel(new double[TwoKindFeatures.DiscoveryCount], Ones(TwoKindFeatures.DiscoveryCount), [-4, 1, 0.1, 0, 0, 0]),
        0, 0, 0);

    /// <summary>
    /// Learns from the features at the split day and the purchases in (split day, <paramref name="endDay"/>]; the choice of
    /// what ranks the new picks draws its bootstrap with the options' resamples and seed (as the evaluation's intervals).
    /// </summary>
    public static TwoKindCalibration Learn(TwoKindFeatures features, int endDay, RecommendationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = features.Data;
        var log = data.Log;
        var (truthStart, truthItems) = Truth(log, data.ReferenceDay, endDay);
        var customers = Enumerable.Range(0, data.Customers).Where(c => data.Distinct(c) > 0 && truthStart[c + 1] > truthStart[c]).ToArray();
        if (customers.Length > MaxCustomers)
        {
            var step = (double)customers.Length / MaxCustomers;
            customers = [.. Enumerable.Range(0, MaxCustomers).Select(i => customers[(int)(i * step)])];
        }
        if (customers.Length == 0)
        {
            return Prior;
        }
        var popular = Enumerable.Range(0, data.Products).Where(p => features.Active[p] && features.RecentBuyers[p] > 0)
            .OrderByDescending(p => features.RecentBuyers[p]).ThenBy(p => p).ToArray();
        var buyRows = new (double[] X, bool[] Y)[customers.Length];
        var newRows = new (double[] X, bool[] Y, int[] Products)[customers.Length];
        Parallel.For(0, customers.Length, () => (Buffer: new ScoringBuffer(data.Products), Truth: new int[data.Products], Stamp: new int[1]), (i, _, state) =>
        {
            var c = customers[i];
            var stamp = ++state.Stamp[0];
            for (var e = truthStart[c]; e < truthStart[c + 1]; e++)
            {
                state.Truth[truthItems[e]] = stamp;
            }
            state.Buffer.Begin(data, c);
            var scores = state.Buffer.EaseScores(features.Ease, data, c);
            buyRows[i] = BuyAgainSamples(features, c, scores, state.Truth, stamp);
            newRows[i] = DiscoverySamples(features, c, scores, state.Buffer, popular, state.Truth, stamp);
            return state;
        }, static _ => { });
        LogisticModel? buy = null, discover = null;
        TwoKindSelection? selection = null;
        Parallel.Invoke(
            () => buy = LogisticModel.Fit(Concat(buyRows.Select(r => r.X)), Concat(buyRows.Select(r => r.Y)), TwoKindFeatures.BuyAgainCount),
            () =>
            {
                selection = TwoKindSelection.Choose(features, customers, [.. newRows.Select(r => (r.X, r.Y))], truthStart, truthItems, options.BootstrapResamples, options.Seed)
                    with { ValidationDay = data.ReferenceDay, ReferenceDay = endDay };
                var x = Concat(newRows.Select(r => r.X));
                if (selection.Source != TwoKindDiscovery.EaseModel)
                {
                    PopularityOnly(x, Concat(newRows.Select(r => r.Products)), features.LogPopularity(selection.Source));
                }
                discover = LogisticModel.Fit(x, Concat(newRows.Select(r => r.Y)), TwoKindFeatures.DiscoveryCount);
            });
        return new TwoKindCalibration(buy!, discover!, customers.Length, buyRows.Sum(r => r.Y.Length), newRows.Sum(r => r.Y.Length))
        {
            DiscoveryBy = selection!.Source,
            Selection = selection,
        };
    }

    /// <summary>Discovery rows for a model of popularity alone: the EASE score set to 0 (so its weight is 0) and the popularity feature the chosen list's.</summary>
    private static void PopularityOnly(double[] x, int[] products, double[] logPopularity)
    {
        for (var i = 0; i < products.Length; i++)
        {
            x[i * TwoKindFeatures.DiscoveryCount] = 0;
            x[(i * TwoKindFeatures.DiscoveryCount) + 1] = logPopularity[products[i]];
        }
    }

    private static (double[], bool[]) BuyAgainSamples(TwoKindFeatures features, int c, double[] scores, int[] truth, int stamp)
    {
        var data = features.Data;
        var x = new List<double>();
        var y = new List<bool>();
        Span<double> row = stackalloc double[TwoKindFeatures.BuyAgainCount];
        for (var e = data.RowStart[c]; e < data.RowStart[c + 1]; e++)
        {
            var p = data.Items[e];
            if (features.Active[p])
            {
                var m = features.Ease.IndexOf[p];
                features.BuyAgain(c, e, m >= 0 ? scores[m] : 0, row);
                x.AddRange(row);
                y.Add(truth[p] == stamp);
            }
        }
        return ([.. x], [.. y]);
    }

    private static (double[], bool[], int[]) DiscoverySamples(TwoKindFeatures features, int c, double[] scores, ScoringBuffer buffer, int[] popular, int[] truth, int stamp)
    {
        var ease = features.Ease;
        // The EaseCandidates best by score (ties: lower product id), best first: kept by insertion as the lists are (the
        // same products in the same order as sorting all the candidates, without sorting ~700 per customer).
        Span<Pick> best = stackalloc Pick[EaseCandidates];
        var n = 0;
        for (var m = 0; m < ease.Size; m++)
        {
            var p = ease.Products[m];
            if (features.Active[p] && !buffer.Knows(p) && !TopPicks.Rejects(best, n, scores[m], p))
            {
                n = TopPicks.Offer(best, n, new Pick(p, scores[m], RecommendationMethod.Discovery));
            }
        }
        var chosen = new List<int>(EaseCandidates + PopularCandidates);
        for (var i = 0; i < n; i++)
        {
            chosen.Add(best[i].Product);
        }
        var added = 0;
        for (var i = 0; i < popular.Length && added < PopularCandidates; i++)
        {
            if (!buffer.Knows(popular[i]))
            {
                added++;
                if (!chosen.Contains(popular[i]))
                {
                    chosen.Add(popular[i]);
                }
            }
        }
        var x = new double[chosen.Count * TwoKindFeatures.DiscoveryCount];
        var y = new bool[chosen.Count];
        for (var i = 0; i < chosen.Count; i++)
        {
            var p = chosen[i];
            var m = ease.IndexOf[p];
            features.Discovery(c, p, m >= 0 ? scores[m] : 0, x.AsSpan(i * TwoKindFeatures.DiscoveryCount, TwoKindFeatures.DiscoveryCount));
            y[i] = truth[p] == stamp;
        }
        return (x, y, [.. chosen]);
    }

    /// <summary>Distinct products each customer bought in (fromDay, toDay] (CSR over customers).</summary>
    private static (int[] Start, int[] Items) Truth(PurchaseLog log, int fromDay, int toDay)
    {
        var start = new int[log.Customers + 1];
        var items = new List<int>();
        var stamp = new int[log.Products];
        for (var c = 0; c < log.Customers; c++)
        {
            for (var l = log.CustomerStart[c]; l < log.CustomerStart[c + 1]; l++)
            {
                if (log.Day[l] > fromDay && log.Day[l] <= toDay && stamp[log.Product[l]] != c + 1)
                {
                    stamp[log.Product[l]] = c + 1;
                    items.Add(log.Product[l]);
                }
            }
            start[c + 1] = items.Count;
        }
        return (start, [.. items]);
    }

    /// <summary>The weights in words (standardised features), for the docs and the run's log.</summary>
    public string Describe() => Customers == 0 ? "prior weights (no validation data)" : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Customers:N0} validation customers; buy-again ({BuyAgainRows:N0} rows) [{string.Join(", ", BuyAgain.Coefficients.Select(c => c.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))}]; "
        + $"discovery ({DiscoveryRows:N0} rows) [{string.Join(", ", Discovery.Coefficients.Select(c => c.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))}]");

    private static T[] Concat<T>(IEnumerable<T[]> parts)
    {
        var list = parts.ToList();
        var result = new T[list.Sum(p => p.Length)];
        var at = 0;
        foreach (var part in list)
        {
            part.CopyTo(result, at);
            at += part.Length;
        }
        return result;
    }

    private static double[] Ones(int n) => [.. Enumerable.Repeat(1.0, n)];
}
