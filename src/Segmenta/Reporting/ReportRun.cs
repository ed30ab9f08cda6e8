using Segmenta.Cleaning;

namespace Segmenta.Reporting;

/// <summary>
/// What the report tells about the run that made the store's results: its cleaning preset, as-of date and options
/// (as JSON, shown flattened in the appendix). Given by the caller, which knows the run; the report never reads the run log.
/// </summary>
public sealed record ReportRun(CleaningPreset CleaningPreset, DateOnly? AsOf, string? OptionsJson);
