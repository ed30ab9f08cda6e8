using System.Diagnostics;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>
/// The recommending stage: evaluates every recommender offline on a time split (the buy-again and discovery models
/// tuned on a validation split before the cut), fits the method of the chosen mode on all the data, and stores the
/// lists, the evaluation and the product rules.
/// </summary>
public static class Recommender
{
    /// <summary>Runs the stage on a store that holds cleaned lines (and, ideally, segments); writes the store tables.</summary>
    public static RecommendationResult Run(SegmentaStore store, RecommendationOptions options)
    {
        var result = Compute(store, options);
        var watch = Stopwatch.StartNew();
        Save(store, result);
        return result with { Timings = [.. result.Timings, new RecommendationTiming("Writing store tables", watch.Elapsed)] };
    }

    /// <summary>Evaluates, fits and recommends without writing anything but temporary tables (safe beside readers).</summary>
    public static RecommendationResult Compute(SegmentaStore store, RecommendationOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var timings = new List<RecommendationTiming>();
        var watch = Stopwatch.StartNew();
        T Step<T>(string name, Func<T> work)
        {
            watch.Restart();
            var value = work();
            timings.Add(new RecommendationTiming(name, watch.Elapsed));
            return value;
        }

        SegmentationKind? segmentation = null;
        var log = Step("Loading purchases", () => PurchaseLogLoader.Load(store, options, out segmentation));
        if (log.Lines == 0)
        {
            throw new SegmentaException((ServerLineFacts.Elsewhere(store) ? ServerLineFacts.KeptProducts(store) : store.Scalar<long>("SELECT count(stock_code) FROM clean_lines")) == 0
                ? "The lines name no product: recommendations need a product column (a code or a description); map it with --map product=COLUMN."
                : "There are no kept purchases of products to learn from: check the cleaning report.");
        }
        var fits = new ReferenceDayFits(log, options);
        var outcome = Step("Evaluating offline", () => RecommendationEvaluator.Evaluate(log, options, fits));
        var method = options.ListMethod;
        var models = Step("Fitting on all data", () =>
        {
            var fitted = fits.Fit(log.LastDay);
            _ = fitted[method];
            return fitted;
        });
        var recommendations = Step("Recommending", () => RecommendAll(models, models[method], options.Top));
        var associations = Step("Frequently bought together", () => Associations(models, options));
        return new RecommendationResult(
            outcome.Cutoff, segmentation, outcome.Rows, outcome.Chosen, outcome.BestBaseline, outcome.Margin, method,
            log.Customers, log.Products, outcome.TrainingLines, outcome.TestLines, recommendations, associations, timings)
        {
            Options = options,
            AllItemsBaseline = outcome.AllItemsBaseline,
            AllItemsMarginOverBaseline = outcome.AllItemsMargin,
            CalibrationSummary = $"lists: {models.Calibration.Describe()}; evaluation: {outcome.Calibration.Describe()}",
        };
    }

    /// <summary>Replaces the store tables recommendations, recommendation_evaluation, product_associations and recommendation_options.</summary>
    public static void Save(SegmentaStore store, RecommendationResult result) => RecommendationTables.Write(store, result);

    /// <summary>The options of the last stored run, or null when the store holds none (for hosts that re-run the stage).</summary>
    public static RecommendationOptions? StoredOptions(SegmentaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return RecommendationTables.StoredOptions(store);
    }

    /// <summary>
    /// One customer's list with reasons, fitted on all the data with the method the options name (by default the mode's).
    /// Throws when the customer has no purchases.
    /// </summary>
    public static IReadOnlyList<Recommendation> ForCustomer(SegmentaStore store, string customerId, RecommendationOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var log = PurchaseLogLoader.Load(store, options, out _);
        var customer = Array.IndexOf(log.CustomerIds, customerId);
        if (customer < 0)
        {
            throw new SegmentaException($"Customer {customerId} has no kept purchases in the store {store.Path}; check the id (as in customers.csv).");
        }
        var method = options.ListMethod;
        var models = new ReferenceDayFits(log, options).Fit(log.LastDay);
        return Recommend(models, models[method], customer, new ScoringBuffer(log.Products), options.Top);
    }

    internal static List<Recommendation> RecommendAll(FittedRecommenders models, IRanker ranker, int top)
    {
        var log = models.Data.Log;
        var lists = new List<Recommendation>[log.Customers];
        Parallel.For(0, log.Customers, () => new ScoringBuffer(log.Products), (c, _, buffer) =>
        {
            lists[c] = Recommend(models, ranker, c, buffer, top);
            return buffer;
        }, static _ => { });
        return [.. lists.SelectMany(l => l)];
    }

    private static List<Recommendation> Recommend(FittedRecommenders models, IRanker ranker, int customer, ScoringBuffer buffer, int top)
    {
        var log = models.Data.Log;
        var picks = new Pick[top];
        buffer.Begin(models.Data, customer);
        var newOnly = ranker.Method is not (RecommendationMethod.PastFavourites or RecommendationMethod.BuyAgain or RecommendationMethod.BuyAgainAndDiscovery);
        var n = ranker.Rank(customer, newOnly, picks, buffer);
        var list = new List<Recommendation>(n);
        for (var r = 0; r < n; r++)
        {
            var pick = picks[r];
            list.Add(new Recommendation(log.CustomerIds[customer], r + 1, log.StockCodes[pick.Product], log.Descriptions[pick.Product],
                pick.Score, pick.Source, ranker.Reason(pick), buffer.Knows(pick.Product) ? RecommendationKind.BuyAgain : RecommendationKind.New));
        }
        return list;
    }

    internal static List<ProductAssociation> Associations(FittedRecommenders models, RecommendationOptions options)
    {
        var data = models.Data;
        var log = data.Log;
        var orders = new int[data.Products];
        foreach (var p in data.BasketItems)
        {
            orders[p]++;
        }
        var rules = models.Rules;
        var result = new List<ProductAssociation>();
        double baskets = data.Baskets;
        for (var i = 0; i < data.Products; i++)
        {
            for (var e = rules.Start[i]; e < Math.Min(rules.Start[i + 1], rules.Start[i] + options.RulesPerProduct); e++)
            {
                var j = rules.Item[e];
                var together = rules.Count[e];
                var confidence = (double)together / orders[i];
                result.Add(new ProductAssociation(log.StockCodes[i], log.Descriptions[i], e - rules.Start[i] + 1, log.StockCodes[j], log.Descriptions[j],
                    together, together / baskets, confidence, confidence / (orders[j] / baskets)));
            }
        }
        return result;
    }
}
