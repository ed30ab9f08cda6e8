using System.Text.Json.Serialization;

namespace Segmenta.Pipeline;

/// <summary>
/// The stored form of <see cref="RunOptions"/> and of a run's step times, generated at compile time: the reflection
/// serializer built the same metadata at run time, through Reflection.Emit, on the start of every command (the
/// playbook and the options are read before the first step) and again on the critical path of a run. The options are
/// those the reflection serializer used (enums by name, NaN and infinities as names, names read in any case), so the
/// text is the same byte for byte (<c>RunOptionsTests</c>).
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(RunOptions))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class RunOptionsJson : JsonSerializerContext;
