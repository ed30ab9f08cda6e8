namespace Segmenta.Web.Dashboard;

/// <summary>The dashboard form field of each option property the core names in its errors, so web users never read a CLI flag.</summary>
internal static class FormFields
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Import.ColumnMap"] = "Column mapping",
        ["Cleaning.Preset"] = "Cleaning",
        ["Segmentation.Algorithm"] = "Algorithm",
        ["Segmentation.K"] = "Segments (k)",
        ["Segmentation.Scaling"] = "Scaling",
        ["Segmentation.Features"] = "Features",
        ["Segmentation.KRange"] = "Segments (k) range",
    };

    /// <summary>The field's label, or the property for options the form does not show.</summary>
    internal static string For(string property) => Fields.GetValueOrDefault(property, property);
}
