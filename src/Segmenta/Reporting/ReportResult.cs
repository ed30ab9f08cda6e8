namespace Segmenta.Reporting;

/// <summary>What the report writer produced.</summary>
/// <param name="Path">The HTML file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sections">Section titles, in order.</param>
/// <param name="Charts">Chart titles, in order (each is an inline SVG figure with alt text).</param>
public sealed record ReportResult(string Path, long Bytes, IReadOnlyList<string> Sections, IReadOnlyList<string> Charts);
