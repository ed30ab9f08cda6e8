using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segmenta.Profiling;

/// <summary>
/// A playbook file's form, generated at compile time: the built-in playbook is read at the start of every command,
/// before the first step, where the reflection serializer spent its time building this metadata through
/// Reflection.Emit. The options are those it used (names in any case, comments skipped).
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(Playbook.PlaybookFile))]
internal sealed partial class PlaybookJson : JsonSerializerContext;
