using Segmenta.Recommending;
using Segmenta.Store;
using Segmenta.Tests.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Recommending;

/// <summary>The recommending stage on a copy of the shared run's store (the UCI data, classic cleaning).</summary>
[Collection(ClassicRunCollection.Name)]
public sealed class RealDataRecommendationTests : IClassFixture<RealDataRecommendationTests.Run>
{
    private readonly RecommendationResult _result;
    private readonly Run _run;

    public RealDataRecommendationTests(Run run)
    {
        _run = run;
        _result = run.Result;
    }

    /// <summary>One recommending run on a private copy of the shared store (other tests read the original).</summary>
    public sealed class Run : IDisposable
    {
        private readonly TempDirectory _directory = new();

        public Run(ClassicRunFixture classic)
        {
            var copy = _directory.File("segmenta.duckdb");
            Source = Path.Combine(classic.OutputDirectory, "segmenta.duckdb");
            File.Copy(Source, copy);
            Store = SegmentaStore.Open(copy);
            Result = Recommender.Run(Store, new RecommendationOptions());
            Files = RecommendationOutputs.Write(Result, _directory.Path);
        }

        public SegmentaStore Store { get; }

        /// <summary>The shared run's store this one is a copy of.</summary>
        public string Source { get; }

        public RecommendationResult Result { get; }

        public IReadOnlyList<string> Files { get; }

        public void Dispose()
        {
            Store.Dispose();
            _directory.Dispose();
        }
    }

    [Fact]
    public void The_default_cut_is_2011_09_08()
    {
        Assert.Equal(new DateOnly(2011, 9, 8), _result.Cutoff);
        var products = PurchaseLogLoader.Load(_run.Store, new RecommendationOptions(), out _).StockCodes;
        var codes = string.Join(", ", products.Select(c => $"'{c.Replace("'", "''", StringComparison.Ordinal)}'"));
        Assert.Equal(_result.TrainingLines + _result.TestLines, _run.Store.Scalar<long>(
            $"SELECT count(*) FROM (SELECT DISTINCT customer_id, order_id, stock_code FROM clean_lines WHERE coalesce(quantity, 1) > 0 AND stock_code IN ({codes}))"));
    }

    [Fact]
    public void Item_to_item_beats_global_popularity_on_new_items_precision_with_separate_intervals()
    {
        var itemToItem = _result.Row(RecommendationMethod.ItemToItem, EvaluationSetting.NewItems)!;
        var popularity = _result.Row(RecommendationMethod.GlobalPopularity, EvaluationSetting.NewItems)!;
        Assert.True(itemToItem.Precision.Separates(popularity.Precision), $"{itemToItem.Precision} vs {popularity.Precision}");
        Assert.True(itemToItem.Precision.Value > popularity.Precision.Value);
    }

    [Fact]
    public void The_default_reaches_the_issue_16_targets_at_the_default_cut()
    {
        // Issue 16: at the cut 2011-09-08, @10, 1,000 resamples: new items ≥ 0.100 and all items ≥ 0.320, each with the
        // lower end of the paired difference interval above the best baseline of the setting.
        Assert.Equal(RecommendationMethod.BuyAgainAndDiscovery, _result.DefaultMethod);
        var newItems = _result.Row(_result.DefaultMethod, EvaluationSetting.NewItems)!;
        var allItems = _result.Row(_result.DefaultMethod, EvaluationSetting.AllItems)!;
        Assert.True(newItems.Precision.Value >= 0.100, newItems.Precision.ToString());
        Assert.True(allItems.Precision.Value >= 0.320, allItems.Precision.ToString());
        Assert.Equal(RecommendationMethod.RecentPopularity, _result.BestBaseline);
        Assert.Equal(RecommendationMethod.PastFavourites, _result.AllItemsBaseline);
        Assert.True(_result.MarginOverBaseline.Low > 0, _result.MarginOverBaseline.ToString());
        Assert.True(_result.AllItemsMarginOverBaseline.Low > 0, _result.AllItemsMarginOverBaseline.ToString());
    }

    [Fact]
    public void The_shared_data_is_evaluated_on_every_eligible_customer_below_the_sampling_size()
    {
        Assert.All(_result.Evaluation, r => Assert.False(r.Sampled));
        Assert.True(_result.Evaluation.Max(r => r.Customers) < new RecommendationOptions().EvaluationCustomers);
    }

    [Theory]
    [InlineData("2011-06-08")]
    [InlineData("2011-07-23")]
    public void The_default_beats_the_best_baselines_at_earlier_cuts_too(string cut)
    {
        var log = PurchaseLogLoader.Load(_run.Store, new RecommendationOptions(), out _);
        var outcome = RecommendationEvaluator.Evaluate(log, new RecommendationOptions { Cutoff = DateOnly.Parse(cut, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(outcome.Margin.Low > 0, $"new items vs {outcome.BestBaseline}: {outcome.Margin}");
        Assert.True(outcome.AllItemsMargin.Low > 0, $"all items vs {outcome.AllItemsBaseline}: {outcome.AllItemsMargin}");
    }

    [Fact]
    public void Own_favourites_are_the_best_baseline_on_all_items_because_gift_shops_reorder()
    {
        var baselines = _result.Evaluation.Where(r => r.Setting == EvaluationSetting.AllItems && RecommendationEvaluator.AllItemsBaselines.Contains(r.Method));
        Assert.Equal(RecommendationMethod.PastFavourites, baselines.MaxBy(r => r.Precision.Value)!.Method);
    }

    [Fact]
    public void Every_customer_gets_at_most_ten_new_products_and_the_tables_hold_the_results()
    {
        Assert.Equal(4_334, _result.Customers); // 4,338 classic customers less 4 who bought only postage or fees
        var perCustomer = _result.Recommendations.GroupBy(r => r.CustomerId).ToList();
        Assert.Equal(_result.Customers, perCustomer.Count);
        Assert.All(perCustomer, g => Assert.InRange(g.Count(), 1, 10));
        Assert.True(_result.Recommendations.Count >= 0.99 * 10 * _result.Customers);
        Assert.All(_result.Recommendations, r => Assert.False(string.IsNullOrEmpty(r.Reason)));
        Assert.Equal(_result.Recommendations.Count, _run.Store.Scalar<long>("SELECT count(*) FROM recommendations"));
        Assert.Equal(_result.Evaluation.Count, _run.Store.Scalar<long>("SELECT count(*) FROM recommendation_evaluation"));
        Assert.Equal(18, _result.Evaluation.Count); // 10 methods on all items, 8 on new items (no own favourites, no buy-again)
        Assert.Equal(_result.Associations.Count, _run.Store.Scalar<long>("SELECT count(*) FROM product_associations"));
        // The kind says the truth: buy-again rows are products the customer bought, new rows are products they never bought.
        var wrongKind = _run.Store.Scalar<long>(
            """
            SELECT count(*) FROM recommendations r
            LEFT JOIN (SELECT DISTINCT customer_id, stock_code FROM clean_lines WHERE quantity > 0) b USING (customer_id, stock_code)
            WHERE (r.kind = 'buy-again') <> (b.stock_code IS NOT NULL)
            """);
        Assert.Equal(0, wrongKind);
        Assert.Contains(_result.Recommendations, r => r.Kind == RecommendationKind.BuyAgain);
        Assert.Contains(_result.Recommendations, r => r.Kind == RecommendationKind.New);
        Assert.All(_result.Recommendations, r => Assert.StartsWith(r.Kind == RecommendationKind.BuyAgain ? "buy again: " : "new for you: ", r.Reason));
    }

    [Fact]
    public void Association_rules_match_an_independent_pandas_computation()
    {
        // bench/recommending/association_rules.py (pandas 1.5.3) on online-retail.csv.gz with the classic cleaning,
        // non-products removed; 18,402 invoices:
        //   22697 -> 22698: together 460, support 0.024997, confidence 0.665702, lift 22.032817
        //   22698 -> 22697: together 460, support 0.024997, confidence 0.827338, lift 22.032817
        //   22386 -> 85099B: together 546, support 0.029671, confidence 0.626866, lift 7.209739
        //   21086 -> 21094: together 236, support 0.012825, confidence 0.828070, lift 46.886607
        (string A, string B, int Together, double Support, double Confidence, double Lift)[] expected =
        [
            ("22697", "22698", 460, 0.024997, 0.665702, 22.032817),
            ("22698", "22697", 460, 0.024997, 0.827338, 22.032817),
            ("22386", "85099B", 546, 0.029671, 0.626866, 7.209739),
            ("21086", "21094", 236, 0.012825, 0.828070, 46.886607),
        ];
        foreach (var (a, b, together, support, confidence, lift) in expected)
        {
            var rule = _result.Associations.Single(r => r.StockCode == a && r.OtherStockCode == b);
            Assert.Equal(together, rule.Orders);
            Assert.Equal(support, rule.Support, 6);
            Assert.Equal(confidence, rule.Confidence, 6);
            Assert.Equal(lift, rule.Lift, 5);
        }
    }

    [Fact]
    public void The_three_files_have_their_headers_and_one_row_per_item()
    {
        var lines = File.ReadAllLines(_run.Files[0]);
        Assert.Equal("CustomerId,Rank,StockCode,Description,Score,Method,Kind,Reason", lines[0]);
        Assert.Equal(_result.Recommendations.Count + 1, lines.Length);
        Assert.Equal(_result.Evaluation.Count + 1, File.ReadAllLines(_run.Files[1]).Length);
        Assert.Equal(_result.Associations.Count + 1, File.ReadAllLines(_run.Files[2]).Length);
        Assert.Contains(lines, l => l.Contains(",new,", StringComparison.Ordinal) && l.Contains("new for you: customers who buy ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",buy-again,", StringComparison.Ordinal) && l.Contains("buy again: you bought it ", StringComparison.Ordinal));
    }

    [Fact]
    public void One_customers_list_comes_with_reasons()
    {
        var list = Recommender.ForCustomer(_run.Store, "12347", new RecommendationOptions { Top = 5 });
        Assert.Equal(5, list.Count);
        Assert.Equal([1, 2, 3, 4, 5], list.Select(r => r.Rank));
        Assert.All(list, r => Assert.Equal("12347", r.CustomerId));
        Assert.Equal(_result.Recommendations.Where(r => r.CustomerId == "12347").Take(5).Select(r => r.StockCode), list.Select(r => r.StockCode));
        Assert.Throws<SegmentaException>(() => Recommender.ForCustomer(_run.Store, "nobody", new RecommendationOptions()));
    }

    [Fact]
    public void The_run_stores_its_options_so_a_refresh_repeats_them()
    {
        var stored = Recommender.StoredOptions(_run.Store)!;
        Assert.Equal(_result.Options.Top, stored.Top);
        Assert.Equal(_result.Options.Mode, stored.Mode);
        Assert.Equal(_result.Options.Seed, stored.Seed);
        Assert.Null(stored.Cutoff);
    }

    [Fact]
    public void The_files_written_beside_the_store_tables_are_the_files_written_after_them()
    {
        using var directory = new TempDirectory();
        var copy = directory.File("segmenta.duckdb");
        File.Copy(_run.Source, copy);
        using var store = SegmentaStore.Open(copy);
        var (besideThread, besideOnPool) = (0, true);
        IReadOnlyList<string> files = [];

        Recommender.RunThen(store, new RecommendationOptions(), r =>
        {
            (besideThread, besideOnPool) = (Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread);
            files = RecommendationOutputs.Write(r, directory.Path);
        });

        Assert.NotEqual(Environment.CurrentManagedThreadId, besideThread); // a small shop: written on another thread, beside the tables
        Assert.False(besideOnPool); // its own thread: never run inline by the waiting thread, whatever the pool's size
        Assert.Equal(_run.Files.Select(Path.GetFileName), files.Select(Path.GetFileName));
        foreach (var (written, expected) in files.Zip(_run.Files))
        {
            Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(written));
        }
        Assert.Equal(_run.Store.Scalar<long>("SELECT count(*) FROM recommendations"), store.Scalar<long>("SELECT count(*) FROM recommendations"));
    }
}
