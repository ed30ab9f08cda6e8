using System.Globalization;
using Segmenta.Store;

namespace Segmenta.Segmentation;

/// <summary>
/// Runs the segmentation on the store's customers table and stores the result: memberships (customer_segments),
/// the model-selection table, the 2-D projection and the model. Missing feature values (a one-time buyer has no
/// days between purchases) are replaced by the feature's median, so every customer gets a segment.
/// </summary>
public static class SegmentationStage
{
    /// <summary>Below this many customers clustering is skipped (with a note): a handful of customers make no segments.</summary>
    public const int MinimumCustomers = 10;

    /// <summary>Removes the stored clustering (memberships), e.g. when a rerun skips clustering.</summary>
    public static void Clear(SegmentaStore store) =>
        store.Execute(
            """
            DELETE FROM customer_segments WHERE segmentation IN ('kmeans', 'gmm');
            DROP TABLE IF EXISTS model_selection; DROP TABLE IF EXISTS segmentation_runs; DROP TABLE IF EXISTS customer_projection;
            """);

    /// <summary>Segments the customers of <paramref name="store"/>.</summary>
    public static SegmentationResult Run(SegmentaStore store, SegmentationOptions options) => Run(store, options, null);

    /// <summary>
    /// Segments the customers of <paramref name="store"/>; above <see cref="SegmentationOptions.FitSampleAbove"/> customers
    /// the fit's sample is drawn by <paramref name="customersWhereTheyAre"/> (the SQL run where the customers are, e.g. on
    /// a PostgreSQL server; null: on the store).
    /// </summary>
    internal static SegmentationResult Run(SegmentaStore store, SegmentationOptions options, Func<string, IReadOnlyList<string>>? customersWhereTheyAre)
    {
        var (ids, result) = Fit(store, options, customersWhereTheyAre);
        var name = SegmentationKinds.Of(options.Algorithm);
        Clear(store);
        SegmentMembership.Write(store, name, ids.Select((id, i) => (id, result.Labels[i], result.Probabilities?[i])));
        Save(store, name, ids, result);
        return result;
    }

    /// <summary>
    /// The customer ids (by id) and their segmentation, without storing it. Up to <see cref="SegmentationOptions.FitSampleAbove"/>
    /// customers (or when there are no more than <see cref="SegmentationOptions.FitSampleSize"/>) every customer takes part
    /// in the fit; above it the model is fitted on the sample <c>customer_fit_sample.sql</c> draws, run by
    /// <paramref name="customersWhereTheyAre"/> or on the store, and every customer is assigned to it.
    /// </summary>
    internal static (string[] Ids, SegmentationResult Result) Fit(SegmentaStore store, SegmentationOptions options, Func<string, IReadOnlyList<string>>? customersWhereTheyAre = null)
    {
        options.Validate();
        var known = NumericFeatures(store);
        options = options with { Features = AvailableFeatures(store, options.Features, known) };
        var (ids, matrix) = LoadMatrix(store, options.Features, known);
        if (ids.Length <= options.FitSampleAbove || ids.Length <= options.FitSampleSize)
        {
            return (ids, CustomerSegmenter.Run(matrix, options));
        }
        var sql = FitSampleQuery(options.Seed, options.FitSampleSize);
        var drawn = customersWhereTheyAre?.Invoke(sql) ?? store.Query(sql, r => r.GetString(0));
        var position = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            position[ids[i]] = i;
        }
        // In the store's id order, whatever order the engine returned them in.
        var rows = drawn.Select(id => position.TryGetValue(id, out var row) ? row
            : throw new SegmentaException($"Customer {id} of the fit's sample is not among the {ids.Length:N0} customers of the store: the server's customers table changed after they were brought back.")).Order().ToArray();
        if (rows.Length != options.FitSampleSize)
        {
            throw new SegmentaException($"The fit's sample holds {rows.Length:N0} customers, not {options.FitSampleSize:N0}: the server's customers table does not match the store's {ids.Length:N0}.");
        }
        var fitted = CustomerSegmenter.Run(matrix.Select(rows), options);
        var note = FormattableString.Invariant($"The model was fitted on a sample of {options.FitSampleSize:N0} of the {ids.Length:N0} customers (more than FitSampleAbove = {options.FitSampleAbove:N0}; drawn in SQL by the md5 of seed {options.Seed} and the customer id), and every customer was assigned to it.");
        return (ids, CustomerSegmenter.AssignAll(fitted, matrix, note));
    }

    /// <summary>The SQL of the fit's sample (<c>customer_fit_sample.sql</c>) for a seed and size: one text for every engine.</summary>
    internal static string FitSampleQuery(int seed, int size) => SqlScripts.Get("Segmentation/customer_fit_sample.sql")
        .Replace("{seed}", seed.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{size}", size.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>
    /// The features that have a value for some customer. Without an amount in the file the money features are empty:
    /// the default features then shrink to recency and frequency; features the user named must all have values.
    /// </summary>
    internal static IReadOnlyList<string> AvailableFeatures(SegmentaStore store, IReadOnlyList<string> features, IReadOnlyList<string> known)
    {
        // One statement counts every named column's values (known columns only: the names go into the SQL).
        var counted = features.Where(known.Contains).Distinct().ToList();
        var counts = counted.Count == 0 ? []
            : store.Query($"SELECT {string.Join(", ", counted.Select(f => $"count({f})"))} FROM customers", r => Enumerable.Range(0, counted.Count).Select(r.GetInt64).ToArray())[0];
        var empty = features.Where(f => counted.IndexOf(f) is var j && j >= 0 && counts[j] == 0).ToList();
        if (empty.Count == 0)
        {
            return features;
        }
        if (!features.SequenceEqual(SegmentationOptions.DefaultFeatures))
        {
            throw SegmentationOptions.Invalid(nameof(SegmentationOptions.Features), $"{string.Join(", ", empty)} has no value for any customer (no amount in this file?): choose features with values, e.g. recency,frequency,tenure_days.");
        }
        return [.. features.Except(empty)];
    }

    /// <summary>The numeric columns of the customers table, which --features may name.</summary>
    public static IReadOnlyList<string> NumericFeatures(SegmentaStore store) => store.Query(
        """
        SELECT column_name FROM information_schema.columns
        WHERE table_name = 'customers' AND data_type IN ('BIGINT', 'INTEGER', 'DOUBLE', 'HUGEINT', 'FLOAT', 'DECIMAL', 'SMALLINT')
          AND column_name NOT IN ('r_score', 'f_score', 'm_score')
        ORDER BY ordinal_position
        """, r => r.GetString(0));

    internal static (string[] Ids, FeatureMatrix Matrix) LoadMatrix(SegmentaStore store, IReadOnlyList<string> features) =>
        LoadMatrix(store, features, NumericFeatures(store));

    private static (string[] Ids, FeatureMatrix Matrix) LoadMatrix(SegmentaStore store, IReadOnlyList<string> features, IReadOnlyList<string> available)
    {
        var unknown = features.Where(f => !available.Contains(f)).ToList();
        if (unknown.Count > 0)
        {
            throw SegmentationOptions.Invalid(nameof(SegmentationOptions.Features), $"unknown customer feature(s) {string.Join(", ", unknown)}. Numeric features: {string.Join(", ", available)}.");
        }
        var select = string.Join(", ", features.Select(f => $"coalesce(CAST({f} AS DOUBLE), median(CAST({f} AS DOUBLE)) OVER (), 0)"));
        var ids = new List<string>();
        var values = new List<double>();
        store.Query($"SELECT customer_id, {select} FROM customers ORDER BY customer_id", r =>
        {
            ids.Add(r.GetString(0));
            for (var j = 0; j < features.Count; j++)
            {
                values.Add(r.GetDouble(j + 1));
            }
            return 0;
        });
        return ([.. ids], new FeatureMatrix([.. values], ids.Count, features.Count, features));
    }

    private static void Save(SegmentaStore store, SegmentationKind name, string[] ids, SegmentationResult result)
    {
        store.Execute(SqlScripts.Get("Segmentation/segmentation_tables.sql"));
        // Appended, not one INSERT per k: on small data a statement costs more than the row it writes.
        using (var selection = store.Connection.CreateAppender("model_selection"))
        {
            foreach (var row in result.Selection?.Rows ?? [])
            {
                selection.CreateRow().AppendValue(SegmentationKinds.Of(row.Algorithm).Id()).AppendValue(row.K).AppendValue(row.Inertia).AppendValue(row.Silhouette)
                    .AppendValue(row.DaviesBouldin).AppendValue(row.CalinskiHarabasz).AppendValue(row.Bic).AppendValue(row.Aic).AppendValue(row.MeanLogLikelihood)
                    .AppendValue(NullIfNaN(row.StabilityMean)).AppendValue(NullIfNaN(row.StabilityStd)).AppendValue(row.IsKnee).AppendValue(row.Chosen)
                    .AppendValue(NullIfNaN(row.StabilityLow)).AppendValue(NullIfNaN(row.SmallestShare)).AppendValue(row.SetAside).EndRow();
            }
        }
        store.Execute("INSERT INTO segmentation_runs VALUES ($s, $k, $e, $i, $v1, $v2, $json, $extreme)",
            ("s", name.Id()), ("k", result.K), ("e", result.Selection?.Explanation ?? $"k={result.K} was given (--k)." + (result.ExtremeNote is { } note ? " " + note : "") + (result.FitSampleNote is { } sample ? " " + sample : "")), ("i", result.Inertia),
            ("v1", result.Projection.ExplainedVariance[0]), ("v2", result.Projection.ExplainedVariance[1]), ("json", result.Model.ToJson()),
            ("extreme", result.Model.ExtremeSegment));
        using var appender = store.Connection.CreateAppender("customer_projection");
        for (var i = 0; i < ids.Length; i++)
        {
            appender.CreateRow().AppendValue(ids[i]).AppendValue(name.Id()).AppendValue(result.Labels[i])
                .AppendValue(result.Projection.Xs[i]).AppendValue(result.Projection.Ys[i]).EndRow();
        }
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;

    /// <summary>Writes out/model-selection.csv (one row per k) and returns its path; null when k was given.</summary>
    public static string? WriteModelSelection(SegmentationResult result, string directory)
    {
        if (result.Selection is null)
        {
            return null;
        }
        var path = Path.Combine(directory, "model-selection.csv");
        var lines = new List<string> { "Algorithm,K,Inertia,Silhouette,DaviesBouldin,CalinskiHarabasz,BIC,AIC,MeanLogLikelihood,StabilityMean,StabilityStd,StabilityP10,SmallestShare,SetAside,IsKnee,Chosen" };
        lines.AddRange(result.Selection.Rows.Select(r => string.Join(',', SegmentationKinds.Of(r.Algorithm).Id(), r.K.ToString(CultureInfo.InvariantCulture),
            CsvCell.Number(r.Inertia, 4), CsvCell.Number(r.Silhouette, 6), CsvCell.Number(r.DaviesBouldin, 6), CsvCell.Number(r.CalinskiHarabasz, 4),
            r.Bic is { } b ? CsvCell.Number(b, 4) : "", r.Aic is { } a ? CsvCell.Number(a, 4) : "", r.MeanLogLikelihood is { } l ? CsvCell.Number(l, 6) : "",
            CsvCell.Number(r.StabilityMean, 4), CsvCell.Number(r.StabilityStd, 4), CsvCell.Number(r.StabilityLow, 4), CsvCell.Number(r.SmallestShare, 4),
            CsvCell.Text(r.SetAside), r.IsKnee ? "true" : "false", r.Chosen ? "true" : "false")));
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>The segment number of the extreme customers' group of the stored clustering, or null when there is none.</summary>
    public static int? ExtremeSegment(SegmentaStore store) => !store.HasTable("segmentation_runs") ? null
        : store.Query("SELECT extreme_segment FROM segmentation_runs", r => r.IsDBNull(0) ? (int?)null : r.GetInt32(0)).FirstOrDefault();

    /// <summary>Stores the model again, completed with the segment names profiling gave and what scoring needs (for scoring from the database).</summary>
    public static void SaveModel(SegmentaStore store, SegmentationModel model) =>
        store.Execute("UPDATE segmentation_runs SET model_json = $json", ("json", model.ToJson()));

    /// <summary>Writes out/model.json and returns its path.</summary>
    public static string WriteModel(SegmentationModel model, string directory)
    {
        var path = Path.Combine(directory, "model.json");
        File.WriteAllText(path, model.ToJson());
        return path;
    }
}
