using System.Text.Json.Serialization;

namespace Segmenta;

/// <summary>
/// The small JSON values the store keeps (an import's requested options, a PostgreSQL run's shards) and the segment
/// names file, generated at compile time: the native build (docs/decisions.md 96) has no reflection serializer. The
/// options are the reflection serializer's defaults, so the stored text is the same byte for byte.
/// </summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class SegmentaJson : JsonSerializerContext;
