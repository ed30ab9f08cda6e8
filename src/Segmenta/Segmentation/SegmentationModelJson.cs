using System.Text.Json.Serialization;

namespace Segmenta.Segmentation;

/// <summary>
/// The writer of model.json's form, generated at compile time instead of built by the reflection serializer at run
/// time (through Reflection.Emit, in the segmenting step, which writes the model twice). The options are those the
/// reflection serializer used (indented, enums by name, NaN and infinities as names), so the file is the same byte for
/// byte (<c>ModelInvariantsTests</c>). It reads model.json too, after <see cref="SegmentationModel.FromJson"/> filled in
/// what an earlier version did not write: the native build has no reflection serializer (docs/decisions.md 96).
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SegmentationModel))]
internal sealed partial class SegmentationModelJson : JsonSerializerContext;
