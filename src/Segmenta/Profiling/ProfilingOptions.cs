namespace Segmenta.Profiling;

/// <summary>Settings of the profiling stage.</summary>
public sealed record ProfilingOptions
{
    /// <summary>The playbook mapping profiles to actions; default: the built-in one.</summary>
    public Playbook Playbook { get; init; } = Playbook.Default;

    /// <summary>User-chosen names by segmentation and segment id (from a settings file); they replace the derived names.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> NameOverrides { get; init; } = new Dictionary<string, IReadOnlyDictionary<int, string>>();

    /// <summary>Order of the customers in the activation lists. Default: <see cref="ActivationOrder.Monetary"/>.</summary>
    public ActivationOrder ActivationOrder { get; init; } = ActivationOrder.Monetary;

    /// <summary>Currency symbol for explanations and insights.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Reads name overrides from a JSON file: {"kmeans": {"0": "VIP accounts"}, "rfm": {...}}.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> LoadNames(string path)
    {
        if (!File.Exists(path))
        {
            throw new SegmentaException($"Segment names file not found: {path}. It is JSON like {{\"kmeans\": {{\"0\": \"VIP accounts\"}}}}.");
        }
        try
        {
            var raw = System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(path), SegmentaJson.Default.DictionaryStringDictionaryStringString) ?? [];
            return raw.ToDictionary(
                p => p.Key,
                p => (IReadOnlyDictionary<int, string>)p.Value.ToDictionary(q => int.Parse(q.Key, System.Globalization.CultureInfo.InvariantCulture), q => q.Value));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw new SegmentaException($"{path}: expected JSON like {{\"kmeans\": {{\"0\": \"VIP accounts\"}}}} (segment ids as keys). {e.Message}", e);
        }
    }
}
