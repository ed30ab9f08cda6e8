using System.Text.Json.Serialization;

namespace Segmenta.Pipeline;

/// <summary>
/// The writer of <see cref="RunOptions"/>' stored form and of a run's step times, generated at compile time: the
/// reflection serializer built the same metadata at run time, through Reflection.Emit, on the critical path of every
/// run (the run is logged before its report is finished). The options are those the reflection serializer used (enums
/// by name, NaN and infinities as names), so the text is the same byte for byte (<c>RunOptionsTests</c>). It reads the
/// stored form too (names in any case, as before), after <see cref="RunOptions.FromJson"/> filled in the options an
/// earlier version did not store: the native build has no reflection serializer (docs/decisions.md 96).
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    PropertyNameCaseInsensitive = true,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunOptions))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class RunOptionsJson : JsonSerializerContext;
