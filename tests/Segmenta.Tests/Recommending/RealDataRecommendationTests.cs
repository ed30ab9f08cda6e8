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
            File.Copy(Path.Combine(classic.OutputDirectory, "segmenta.duckdb"), copy);
            Store = SegmentaStore.Open(copy);
            Result = Recommender.Run(Store, new RecommendationOptions());
            Files = RecommendationOutputs.Write(Result, _directory.Path);
        }

        public SegmentaStore Store { get; }

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
        Assert.Equal(_result.TrainingLines + _result.TestLines, _run.Store.Scalar<long>("SELECT count(*) FROM (SELECT DISTINCT customer_id, order_id, stock_code FROM clean_lines WHERE stock_code IN (SELECT stock_code FROM rec_products))"));
    }

    [Fact]
    public void Item_to_item_beats_global_popularity_on_new_items_precision_with_separate_intervals()
    {
        var itemToItem = _result.Row(RecommendationMethod.ItemToItem, EvaluationSetting.NewItems)!;
        var popularity = _result.Row(RecommendationMethod.GlobalPopularity, EvaluationSetting.NewItems)!;
        Assert.True(itemToItem.Precision.Separates(popularity.Precision), $"{itemToItem.Precision} vs {popularity.Precision}");
        Assert.True(itemToItem.Precision.Value > popularity.Precision.Value);
        // The default beats the best baseline and the paired interval of the difference excludes zero.
        Assert.DoesNotContain(_result.DefaultMethod, RecommendationEvaluator.Baselines);
        Assert.True(_result.MarginOverBaseline.Low > 0, _result.MarginOverBaseline.ToString());
    }

    [Fact]
    public void Own_favourites_win_the_all_items_setting_because_gift_shops_reorder()
    {
        var best = _result.Evaluation.Where(r => r.Setting == EvaluationSetting.AllItems).MaxBy(r => r.Precision.Value)!;
        Assert.Equal(RecommendationMethod.PastFavourites, best.Method);
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
        Assert.Equal(15, _result.Evaluation.Count); // 8 methods on all items, 7 on new items (no own favourites)
        Assert.Equal(_result.Associations.Count, _run.Store.Scalar<long>("SELECT count(*) FROM product_associations"));
        // Nothing a customer bought is offered again.
        var offeredAgain = _run.Store.Scalar<long>(
            "SELECT count(*) FROM recommendations r JOIN (SELECT DISTINCT customer_id, stock_code FROM clean_lines) b USING (customer_id, stock_code)");
        Assert.Equal(0, offeredAgain);
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
        Assert.Equal("CustomerId,Rank,StockCode,Description,Score,Method,Reason", lines[0]);
        Assert.Equal(_result.Recommendations.Count + 1, lines.Length);
        Assert.Equal(_result.Evaluation.Count + 1, File.ReadAllLines(_run.Files[1]).Length);
        Assert.Equal(_result.Associations.Count + 1, File.ReadAllLines(_run.Files[2]).Length);
        Assert.Contains(lines, l => l.Contains("often bought with", StringComparison.Ordinal));
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
}
