using System.Text.Json;
using System.Text.Json.Nodes;
using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Features;
using Segmenta.Lifetime;
using Segmenta.Loading;
using Segmenta.Profiling;
using Segmenta.Recommending;
using Segmenta.Reporting;
using Segmenta.Segmentation;

namespace Segmenta.Pipeline;

/// <summary>
/// The effective options of a run: every stage's options with resolved values (the as-of date, the currency, the
/// playbook itself rather than its path). One typed, versioned record, stored with each run in the runs table; every
/// command that re-runs part of the pipeline (segment, recommend, report, the dashboard and its background refresh)
/// starts from the last one and changes only what its user changed.
/// </summary>
public sealed record RunOptions
{
    /// <summary>The format this version reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Version of this record's stored form; a record of another version is refused.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The files the run imported (for the record; re-runs never import again).</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>How the inputs were read.</summary>
    public ImportOptions Import { get; init; } = new();

    /// <summary>Cleaning rules.</summary>
    public CleaningOptions Cleaning { get; init; } = new();

    /// <summary>Customer features; <see cref="FeatureOptions.AsOf"/> holds the date actually used.</summary>
    public FeatureOptions Features { get; init; } = new();

    /// <summary>Exploration tables.</summary>
    public ExplorationOptions Exploration { get; init; } = new();

    /// <summary>Clustering; null = RFM segments only.</summary>
    public SegmentationOptions? Segmentation { get; init; } = new();

    /// <summary>Recommendations; null = skipped.</summary>
    public RecommendationOptions? Recommendation { get; init; } = new();

    /// <summary>Lifetime value; null = skipped.</summary>
    public LifetimeOptions? Lifetime { get; init; } = new();

    /// <summary>Profiles, names and actions (the playbook's entries themselves, not a file name).</summary>
    public ProfilingOptions Profiling { get; init; } = new();

    /// <summary>The HTML report.</summary>
    public ReportOptions Report { get; init; } = new();

    /// <summary>
    /// The same options with <paramref name="seed"/> as the seed of every random step: clustering, recommendations
    /// (bootstrap and re-clustering at the cut) and the lifetime fits' starts.
    /// </summary>
    public RunOptions WithSeed(int seed) => this with
    {
        Segmentation = Segmentation is null ? null : Segmentation with { Seed = seed },
        Recommendation = Recommendation is null ? null : Recommendation with { Seed = seed },
        Lifetime = Lifetime is null ? null : Lifetime with { Seed = seed },
    };

    /// <summary>The stored form (JSON with <see cref="FormatVersion"/>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunOptionsJson.Default.RunOptions);

    /// <summary>Reads the stored form; <paramref name="source"/> names where it came from in errors.</summary>
    public static RunOptions FromJson(string json, string source)
    {
        int version;
        try
        {
            using var document = JsonDocument.Parse(json);
            version = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(nameof(FormatVersion), out var v)
                && v.TryGetInt32(out var number) ? number : 0;
        }
        catch (JsonException e)
        {
            throw new SegmentaException($"{source}: the run's options are not readable ({e.Message}). Run segmenta analyze again to record them.", e);
        }
        if (version != CurrentFormatVersion)
        {
            throw new SegmentaException($"{source}: the run's options are of format version {version}; this Segmenta reads version {CurrentFormatVersion}. Run segmenta analyze again to record them.");
        }
        try
        {
            // The generated reader (RunOptionsJson) would set each option a run stored by an earlier version lacks to its
            // type's default instead of the record's own (dotnet/runtime#84484): the defaults' stored form fills them in first.
            var document = JsonNode.Parse(json)!.AsObject();
            JsonDefaults.Fill(document, JsonSerializer.SerializeToNode(new RunOptions(), RunOptionsJson.Default.RunOptions)!.AsObject(), StringComparison.OrdinalIgnoreCase);
            return document.Deserialize(RunOptionsJson.Default.RunOptions) ?? throw new JsonException("empty document");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new SegmentaException($"{source}: the run's options are not readable ({e.Message}). Run segmenta analyze again to record them.", e);
        }
    }
}
