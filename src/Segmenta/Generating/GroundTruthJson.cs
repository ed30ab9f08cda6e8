using System.Text.Json.Serialization;

namespace Segmenta.Generating;

/// <summary>
/// The ground-truth file's form (indented, camelCase names), generated at compile time: the native build has no
/// reflection serializer (docs/decisions.md 96). The options are those the reflection serializer used, so the file is
/// the same byte for byte.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GroundTruth))]
internal sealed partial class GroundTruthJson : JsonSerializerContext;
