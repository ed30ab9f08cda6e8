using System.Globalization;
using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>
/// The stored form of <see cref="NewPicksChoice"/>: the table <c>recommendation_new_picks</c> (declared with the other
/// recommendation tables in <c>recommendation_tables.sql</c>) and the file <c>recommendation-new-picks.csv</c>, one row
/// per scope. A missing number (no comparison) is NULL in the table and an empty cell in the file.
/// </summary>
internal static class NewPicksRecords
{
    /// <summary>The file's name in the output folder.</summary>
    public const string FileName = "recommendation-new-picks.csv";

    private const string Header = "Scope,ReferenceDay,ValidationDay,RankedBy,Basis,ComparedWith,Customers,K,ModelPrecision,GlobalPopularityPrecision,"
        + "RecentPopularityPrecision,Difference,DifferenceLow,DifferenceHigh,Resamples";

    /// <summary>Adds the choices to <c>recommendation_new_picks</c> (created empty by <c>recommendation_tables.sql</c>).</summary>
    public static void Save(SegmentaStore store, IReadOnlyList<NewPicksChoice> choices)
    {
        foreach (var c in choices)
        {
            store.Execute(
                "INSERT INTO recommendation_new_picks VALUES ($scope, $reference, $validation, $ranked, $basis, $compared, $customers, $k, $model, $global, $recent, $difference, $low, $high, $resamples)",
                ("scope", c.Scope.ToString()), ("reference", c.ReferenceDay.ToDateTime(TimeOnly.MinValue)), ("validation", c.ValidationDay?.ToDateTime(TimeOnly.MinValue)),
                ("ranked", c.RankedBy.ToString()), ("basis", c.Basis.ToString()), ("compared", c.ComparedWith?.ToString()), ("customers", c.Customers), ("k", c.K),
                ("model", Nullable(c.ModelPrecision)), ("global", Nullable(c.GlobalPopularityPrecision)), ("recent", Nullable(c.RecentPopularityPrecision)),
                ("difference", Nullable(c.Difference)), ("low", Nullable(c.DifferenceLow)), ("high", Nullable(c.DifferenceHigh)), ("resamples", c.Resamples));
        }
    }

    /// <summary>The stored choices, the evaluation's first (empty when the store holds none: recommendations not computed, or an older store).</summary>
    public static IReadOnlyList<NewPicksChoice> Load(SegmentaStore store) => !store.HasTable("recommendation_new_picks") ? [] : store.Query(
        """
        SELECT scope, reference_day, validation_day, ranked_by, basis, compared_with, customers, k, model_precision, global_popularity_precision,
               recent_popularity_precision, difference, difference_low, difference_high, resamples
        FROM recommendation_new_picks ORDER BY scope = 'Lists', scope
        """,
        r => new NewPicksChoice(Enum.Parse<NewPicksScope>(r.GetString(0)), DateOnly.FromDateTime(r.GetDateTime(1)),
            r.IsDBNull(2) ? null : DateOnly.FromDateTime(r.GetDateTime(2)), Enum.Parse<RecommendationMethod>(r.GetString(3)), Enum.Parse<NewPicksBasis>(r.GetString(4)),
            r.IsDBNull(5) ? null : Enum.Parse<RecommendationMethod>(r.GetString(5)), r.GetInt32(6), r.GetInt32(7), Number(r, 8), Number(r, 9), Number(r, 10),
            Number(r, 11), Number(r, 12), Number(r, 13), r.GetInt32(14)));

    /// <summary>Writes <see cref="FileName"/> into <paramref name="directory"/> and returns its path.</summary>
    public static string WriteCsv(IReadOnlyList<NewPicksChoice> choices, string directory)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, string.Concat(CsvLines(choices).Select(l => l + "\n")), new System.Text.UTF8Encoding(false));
        return path;
    }

    /// <summary>The file's header and rows; numbers with six decimals, as recommendation-evaluation.csv.</summary>
    internal static IEnumerable<string> CsvLines(IReadOnlyList<NewPicksChoice> choices) =>
        choices.Select(c => string.Join(',',
            c.Scope.ToString(), c.ReferenceDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.ValidationDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            c.RankedBy.ToString(), c.Basis.ToString(), c.ComparedWith?.ToString() ?? "", c.Customers.ToString(CultureInfo.InvariantCulture), c.K.ToString(CultureInfo.InvariantCulture),
            Cell(c.ModelPrecision), Cell(c.GlobalPopularityPrecision), Cell(c.RecentPopularityPrecision), Cell(c.Difference), Cell(c.DifferenceLow), Cell(c.DifferenceHigh),
            c.Resamples.ToString(CultureInfo.InvariantCulture))).Prepend(Header);

    /// <summary>Six decimals, halves away from zero (as the API); never "-0" (a difference that rounds to zero is 0).</summary>
    private static string Cell(double value)
    {
        if (!double.IsFinite(value))
        {
            return "";
        }
        var rounded = Math.Round(value, 6, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString(CultureInfo.InvariantCulture);
    }

    private static double? Nullable(double value) => double.IsFinite(value) ? value : null;

    private static double Number(System.Data.Common.DbDataReader r, int column) => r.IsDBNull(column) ? double.NaN : r.GetDouble(column);
}
