using System.Text.Json.Serialization;

namespace Segmenta.Segmentation;

/// <summary>
/// The writer of model.json's form, generated at compile time instead of built by the reflection serializer at run
/// time (through Reflection.Emit, in the segmenting step, which writes the model twice). The options are those the
/// reflection serializer used (indented, enums by name, NaN and infinities as names), so the file is the same byte for
/// byte (<c>ModelInvariantsTests</c>). Reading stays with the reflection serializer (<see cref="SegmentationModel"/>'s
/// <c>Reading</c> says why).
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SegmentationModel))]
internal sealed partial class SegmentationModelJson : JsonSerializerContext;
