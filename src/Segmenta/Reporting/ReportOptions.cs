namespace Segmenta.Reporting;

/// <summary>Settings of the HTML report.</summary>
public sealed record ReportOptions
{
    /// <summary>Report title.</summary>
    public string Title { get; init; } = "Customer analysis";

    /// <summary>Currency symbol shown on money axes and figures; null = "£" when the data looks British, else none.</summary>
    public string? Currency { get; init; }
}
