using System.Globalization;
using Segmenta.Cleaning;
using Segmenta.Features;
using Segmenta.Loading;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>
/// <c>segmenta score</c>: assigns the customers of new data (a transaction file, or a Segmenta database) to the
/// segments of a saved model, without refitting. A transaction file is imported, cleaned and turned into customer
/// features in a temporary database that is deleted afterwards; the saved model's transform is applied as fitted.
/// </summary>
public static class ScoringPipeline
{
    /// <summary>Loads a model from model.json or from the database of an analyze run.</summary>
    public static SegmentationModel LoadModel(string path)
    {
        if (!File.Exists(path))
        {
            throw new SegmentaException($"No model at {path}. Give the model.json written by segmenta analyze or segment (--model out/model.json), or its database.");
        }
        if (path.EndsWith(".duckdb", StringComparison.OrdinalIgnoreCase))
        {
            using var store = SegmentaStore.Open(path);
            var json = store.HasTable("segmentation_runs") ? store.Scalar<string>("SELECT model_json FROM segmentation_runs LIMIT 1") : null;
            return json is null
                ? throw new SegmentaException($"The database {path} holds no clustering model (was it analysed with --no-clusters?).")
                : SegmentationModel.FromJson(json, path);
        }
        return SegmentationModel.FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Scores <paramref name="input"/> and writes one row per customer to <paramref name="outputPath"/>.</summary>
    public static ScoreResult Score(string input, SegmentationModel model, string outputPath, ImportOptions? import = null, CleaningOptions? cleaning = null)
    {
        if (!File.Exists(input))
        {
            throw new SegmentaException($"No file at {input}. Give a transaction file (CSV, .gz, .xlsx, .parquet) or a Segmenta database (.duckdb).");
        }
        var fromDatabase = input.EndsWith(".duckdb", StringComparison.OrdinalIgnoreCase);
        var temporary = fromDatabase ? null : Path.Combine(Path.GetTempPath(), $"segmenta-score-{Guid.NewGuid():N}.duckdb");
        try
        {
            using var store = SegmentaStore.Open(temporary ?? input);
            if (temporary is not null)
            {
                Importer.Import(store, input, import ?? new ImportOptions());
                Cleaner.Run(store, cleaning ?? model.Cleaning ?? new CleaningOptions());
                CustomerFeatures.Compute(store, new FeatureOptions { AsOf = AsOf(model, store) });
            }
            else
            {
                AnalysisSchema.RequireCustomers(store, input);
            }
            var (ids, matrix) = SegmentationStage.LoadMatrix(store, model.Features);
            var (segments, probabilities) = model.Assign(matrix);
            Write(outputPath, model, ids, matrix, segments, probabilities);
            var sizes = Enumerable.Range(0, model.Segments).Select(s => (long)segments.Count(x => x == s)).ToList();
            return new ScoreResult(outputPath, ids.Length, sizes, model.SegmentNames ?? []);
        }
        finally
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
                File.Delete(temporary + ".wal");
            }
        }
    }

    /// <summary>
    /// The model's as-of date, so customers of the fitted period get the features they were fitted with (a subset of
    /// the data ends earlier and would otherwise be measured to another day); data that goes on later is measured to
    /// the day after its own last purchase, since recency cannot be negative.
    /// </summary>
    internal static DateOnly AsOf(SegmentationModel model, SegmentaStore store)
    {
        var own = CustomerFeatures.DefaultAsOf(store);
        return model.AsOf is { } fitted && fitted > own ? fitted : own;
    }

    private static void Write(string path, SegmentationModel model, string[] ids, FeatureMatrix matrix, int[] segments, double[]? probabilities)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Join(',', new[] { "CustomerId", "Segment", "SegmentName", "SegmentProbability" }.Concat(model.Features)));
        for (var i = 0; i < ids.Length; i++)
        {
            var name = model.SegmentNames is { } names && segments[i] < names.Count ? names[segments[i]] : "";
            var cells = new List<string>
            {
                CsvCell.Text(ids[i]), segments[i].ToString(CultureInfo.InvariantCulture), CsvCell.Text(name),
                probabilities is null ? "" : CsvCell.Number(probabilities[i], 6),
            };
            cells.AddRange(Enumerable.Range(0, matrix.Columns).Select(j => CsvCell.Number(matrix.Values[i * matrix.Columns + j], 4)));
            writer.WriteLine(string.Join(',', cells));
        }
    }
}
