namespace Segmenta.Cleaning;

/// <summary>
/// The words hosts accept for the cleaning options and the ids written for them (run log, report, SQL variables),
/// parsed and named once here; errors name the property (<c>Cleaning.Preset</c>) for the host to show in its own words.
/// </summary>
public sealed partial record CleaningOptions
{
    /// <summary>The prefix of this stage's options in the run's options.</summary>
    public const string Property = "Cleaning";

    /// <summary>An <see cref="InvalidOptionException"/> for one of these options.</summary>
    internal static InvalidOptionException Invalid(string name, string problem) => new($"{Property}.{name}", problem);

    /// <summary>default or classic (any case).</summary>
    public static CleaningPreset ParsePreset(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "default" => CleaningPreset.Default,
        "classic" => CleaningPreset.Classic,
        _ => throw Invalid(nameof(Preset), $"use default or classic; got '{text}'."),
    };

    /// <summary>auto, remove or keep (any case).</summary>
    public static DuplicatePolicy ParseDuplicates(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => DuplicatePolicy.Auto,
        "remove" => DuplicatePolicy.Remove,
        "keep" => DuplicatePolicy.Keep,
        _ => throw Invalid(nameof(Duplicates), $"use auto, remove or keep; got '{text}'."),
    };

    /// <summary>The preset's id: "default" or "classic".</summary>
    public static string Id(CleaningPreset preset) => preset switch
    {
        CleaningPreset.Default => "default",
        CleaningPreset.Classic => "classic",
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, null),
    };

    /// <summary>The policy's id: "auto", "remove" or "keep".</summary>
    public static string Id(DuplicatePolicy policy) => policy switch
    {
        DuplicatePolicy.Auto => "auto",
        DuplicatePolicy.Remove => "remove",
        DuplicatePolicy.Keep => "keep",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };
}
