using System.Text.Json.Serialization;

namespace Segmenta.Segmentation;

/// <summary>
/// model.json's form, generated at compile time instead of built by the reflection serializer at run time (through
/// Reflection.Emit, on the critical path: segmenting writes the model, profiling reads it back for its feature names).
/// The options are those the reflection serializer used (indented, enums by name, NaN and infinities as names), so the
/// file is the same byte for byte (<c>ModelInvariantsTests</c>).
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SegmentationModel))]
internal sealed partial class SegmentationModelJson : JsonSerializerContext;
