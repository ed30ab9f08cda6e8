using System.Text.Json.Nodes;

namespace Segmenta;

/// <summary>
/// Fills in what a stored JSON document lacks before the generated reader reads it. The generated reader sets every
/// init-only property a document lacks to its type's default instead of keeping the record's own initial value
/// (dotnet/runtime#84484), where the reflection reader kept it: a model or run stored before an option existed would
/// read with that option 0 or null. Copying the missing properties from the serialized defaults gives the reflection
/// reader's result with the generated reader (docs/decisions.md 96).
/// </summary>
internal static class JsonDefaults
{
    /// <summary>
    /// Adds to <paramref name="document"/> each property of <paramref name="defaults"/> it lacks (names compared with
    /// <paramref name="names"/>, as the reader compares them), and fills objects both hold the same way, level by level.
    /// A property the document holds, null included, is kept.
    /// </summary>
    internal static void Fill(JsonObject document, JsonObject defaults, StringComparison names)
    {
        foreach (var (name, value) in defaults)
        {
            var held = document.FirstOrDefault(p => string.Equals(p.Key, name, names));
            if (held.Key is null)
            {
                document[name] = value?.DeepClone();
            }
            else if (held.Value is JsonObject inner && value is JsonObject innerDefaults)
            {
                Fill(inner, innerDefaults, names);
            }
        }
    }
}
