using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Segmenta.Segmentation;

/// <summary>
/// Everything needed to assign new customers to the saved segments without refitting: the features and their fitted
/// transform, the algorithm, and its centroids or mixture parameters (in segment order), the seed and the version.
/// Saved as out/model.json and in the store.
/// </summary>
public sealed record SegmentationModel
{
    /// <summary>Version of the file format.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The format this version reads and writes (2: per-feature transform kinds and the extreme group; 3: the as-of date and cleaning the features were computed with).</summary>
    public const int CurrentFormatVersion = 3;

    /// <summary>Version of Segmenta that fitted it.</summary>
    public string SegmentaVersion { get; init; } = typeof(SegmentationModel).Assembly.GetName().Version?.ToString() ?? "";

    public required ClusteringAlgorithm Algorithm { get; init; }

    public required int K { get; init; }

    public required int Seed { get; init; }

    public required FeatureTransform Transform { get; init; }

    /// <summary>
    /// Customers beyond this many scaled units on some feature belong to the extreme group, segment <see cref="K"/>,
    /// outside the clusters; null when the run set no customer apart.
    /// </summary>
    public double? ExtremeThreshold { get; init; }

    /// <summary>Number of segments: the <see cref="K"/> clusters, plus the extreme group when there is one.</summary>
    [JsonIgnore]
    public int Segments => ExtremeThreshold is null ? K : K + 1;

    /// <summary>The segment number of the extreme group (<see cref="K"/>), or null when there is none.</summary>
    [JsonIgnore]
    public int? ExtremeSegment => ExtremeThreshold is null ? null : K;

    /// <summary>K-Means centroids in the transformed space, row-major (k × features), in segment order.</summary>
    public double[]? Centroids { get; init; }

    public CovarianceType? Covariance { get; init; }

    public double[]? Weights { get; init; }

    public double[]? Means { get; init; }

    public double[]? Covariances { get; init; }

    /// <summary>
    /// The day recency and tenure were measured to when the model was fitted. Scoring measures new data to the same
    /// day (or to the day after its last purchase when the data goes on later), so the same customers get the same features.
    /// </summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>The cleaning rules the fitted customers' features were computed after; scoring a transaction file applies the same.</summary>
    public Cleaning.CleaningOptions? Cleaning { get; init; }

    /// <summary>Names of the segments by number, as profiling named them (filled in when the model is saved).</summary>
    public IReadOnlyList<string>? SegmentNames { get; init; }

    /// <summary>The features the model expects, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Features => Transform.Steps.Select(s => s.Name).ToList();

    /// <summary>Segment (and membership probability for mixtures) of each row of raw, untransformed features.</summary>
    public (int[] Segments, double[]? Probabilities) Assign(FeatureMatrix raw)
    {
        if (!raw.Names.SequenceEqual(Features))
        {
            throw new SegmentaException($"The model expects the features {string.Join(", ", Features)}; got {string.Join(", ", raw.Names)}.");
        }
        var x = Transform.Apply(raw);
        int[] segments;
        double[]? assigned = null;
        if (Algorithm == ClusteringAlgorithm.KMeans)
        {
            segments = new KMeansModel(Centroids!, K, x.Columns, [], 0, 0, true).Predict(x);
        }
        else
        {
            var mixture = new GaussianMixtureModel(K, x.Columns, Covariance!.Value, Weights!, Means!, Covariances!, 0, 0, true, x.Rows);
            var probabilities = mixture.PredictProba(x);
            segments = mixture.Predict(x);
            assigned = Enumerable.Range(0, x.Rows).Select(i => probabilities[i * K + segments[i]]).ToArray();
        }
        if (ExtremeThreshold is { } threshold)
        {
            for (var i = 0; i < x.Rows; i++)
            {
                if (ExtremeCustomers.IsExtreme(x.Row(i), threshold))
                {
                    segments[i] = K;
                    if (assigned is not null)
                    {
                        assigned[i] = 1; // membership of the extreme group is a rule, not a probability
                    }
                }
            }
        }
        return (segments, assigned);
    }

    /// <summary>Segment and (for mixtures) membership probabilities of one customer given by feature name.</summary>
    public (int Segment, double[]? Probabilities) Score(IReadOnlyDictionary<string, double> features)
    {
        var missing = Features.Where(f => !features.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            throw new SegmentaException($"features: missing {string.Join(", ", missing)}; the model needs {string.Join(", ", Features)}.");
        }
        var raw = new FeatureMatrix([.. Features.Select(f => features[f])], 1, Features.Count, Features);
        var x = Transform.Apply(raw);
        if (ExtremeThreshold is { } threshold && ExtremeCustomers.IsExtreme(x.Row(0), threshold))
        {
            return (K, null);
        }
        if (Algorithm == ClusteringAlgorithm.KMeans)
        {
            return (new KMeansModel(Centroids!, K, x.Columns, [], 0, 0, true).Predict(x)[0], null);
        }
        var mixture = new GaussianMixtureModel(K, x.Columns, Covariance!.Value, Weights!, Means!, Covariances!, 0, 0, true, 1);
        return (mixture.Predict(x)[0], mixture.PredictProba(x));
    }

    public string ToJson() => JsonSerializer.Serialize(this, SegmentationModelJson.Default.SegmentationModel);

    /// <summary>Builds the fitted estimator once, whose constructor checks the shape and values (a truncated or hand-edited file is refused on load).</summary>
    private void CheckInvariants()
    {
        var columns = Features.Count;
        _ = Algorithm == ClusteringAlgorithm.KMeans
            ? (object)new KMeansModel(Centroids ?? [], K, columns, [], 0, 0, true)
            : new GaussianMixtureModel(K, columns, Covariance ?? throw new ArgumentException("a mixture without its covariance type."), Weights ?? [], Means ?? [], Covariances ?? [], 0, 0, true, 0);
    }

    /// <summary>
    /// The generated reader (<see cref="SegmentationModelJson"/>) would set each property a file lacks to its type's
    /// default instead of the record's own (dotnet/runtime#84484): the format version and Segmenta version a file lacks,
    /// and the cleaning options an earlier version did not write, are filled in first, as the record's initial values.
    /// </summary>
    private static SegmentationModel Read(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject document)
        {
            return JsonSerializer.Deserialize(json, SegmentationModelJson.Default.SegmentationModel) ?? throw new JsonException("empty document");
        }
        JsonDefaults.Fill(document, new JsonObject
        {
            [nameof(FormatVersion)] = CurrentFormatVersion,
            [nameof(SegmentaVersion)] = typeof(SegmentationModel).Assembly.GetName().Version?.ToString() ?? "",
        }, StringComparison.Ordinal);
        if (document[nameof(Cleaning)] is JsonObject cleaning)
        {
            JsonDefaults.Fill(cleaning, JsonSerializer.SerializeToNode(new global::Segmenta.Cleaning.CleaningOptions(), SegmentationModelJson.Default.CleaningOptions)!.AsObject(), StringComparison.Ordinal);
        }
        return document.Deserialize(SegmentationModelJson.Default.SegmentationModel) ?? throw new JsonException("empty document");
    }

    public static SegmentationModel FromJson(string json, string source)
    {
        try
        {
            var model = Read(json);
            if (model.FormatVersion != CurrentFormatVersion)
            {
                throw new SegmentaException($"{source} is a model of format version {model.FormatVersion}; this Segmenta reads version {CurrentFormatVersion}. Refit it with segmenta analyze or segment.");
            }
            model.CheckInvariants();
            return model;
        }
        catch (ArgumentException e)
        {
            throw new SegmentaException($"{source} is not a valid Segmenta model ({e.Message}). Refit it with segmenta analyze or segment.", e);
        }
        catch (JsonException e)
        {
            throw new SegmentaException($"{source} is not a Segmenta model file ({e.Message}). Use the model.json written by segmenta analyze or segment.", e);
        }
    }
}
