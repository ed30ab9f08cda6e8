using Segmenta.Recommending;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Recommending;

/// <summary>The stored form of the new-picks choice: the table gives back exactly what was saved, and the file what the table holds.</summary>
public sealed class NewPicksRecordsTests : IDisposable
{
    private static readonly NewPicksChoice Compared = new(NewPicksScope.Evaluation, new DateOnly(2011, 9, 8), new DateOnly(2011, 6, 7), RecommendationMethod.GlobalPopularity,
        NewPicksBasis.Compared, RecommendationMethod.GlobalPopularity, 5_685, 10, 0.24301, 0.2467, 0.2419, -0.0037000000000000002, -0.0052, -1e-9, 1_000);

    private static readonly NewPicksChoice Prior = new(NewPicksScope.Lists, new DateOnly(2011, 12, 9), null, RecommendationMethod.Discovery,
        NewPicksBasis.NoValidationData, null, 0, 10, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);

    private readonly TempDirectory _directory = new();

    [Fact]
    public void Saved_choices_load_back_equal_with_missing_numbers_as_NaN_the_evaluations_first()
    {
        using var store = SegmentaStore.Open(_directory.File("store.duckdb"));
        store.Execute(SqlScripts.Get("Recommending/recommendation_tables.sql"));

        NewPicksRecords.Save(store, [Prior, Compared]);

        Assert.Equal([Compared, Prior], StoredRecommendations.NewPicks(store));
    }

    [Fact]
    public void A_store_without_the_table_has_no_choice()
    {
        using var store = SegmentaStore.Open(_directory.File("store.duckdb"));

        Assert.Empty(StoredRecommendations.NewPicks(store));
    }

    [Fact]
    public void The_file_rounds_to_six_decimals_never_writes_minus_zero_and_leaves_missing_numbers_empty()
    {
        var path = NewPicksRecords.WriteCsv([Compared, Prior], _directory.Path);

        Assert.Equal(
        [
            "Scope,ReferenceDay,ValidationDay,RankedBy,Basis,ComparedWith,Customers,K,ModelPrecision,GlobalPopularityPrecision,RecentPopularityPrecision,Difference,DifferenceLow,DifferenceHigh,Resamples",
            "Evaluation,2011-09-08,2011-06-07,GlobalPopularity,Compared,GlobalPopularity,5685,10,0.24301,0.2467,0.2419,-0.0037,-0.0052,0,1000",
            "Lists,2011-12-09,,Discovery,NoValidationData,,0,10,,,,,,,0",
        ], File.ReadAllLines(path));
        Assert.Equal("recommendation-new-picks.csv", Path.GetFileName(path));
    }

    [Fact]
    public void The_sentence_names_each_choice_with_its_comparison_and_never_shows_minus_zero()
    {
        var text = NewPicksChoice.Sentence([Compared, Prior]);

        Assert.Equal(
            "New picks in the evaluation: ranked by global popularity: the discovery model did not beat it on the validation split, so the data shows no signal beyond "
            + "popularity for new products (precision@10 0.243 against global popularity 0.247 and recent popularity 0.242, difference over global popularity -0.0037 "
            + "[-0.0052, 0.0000] (95% bootstrap interval, 1,000 resamples) on 5,685 held-out validation customers). In the lists: the discovery model's prior weights (no validation data).",
            text);
        Assert.Equal("", NewPicksChoice.Sentence([]));
    }

    public void Dispose() => _directory.Dispose();
}
