namespace Segmenta.Features;

/// <summary>Settings of the customer features.</summary>
public sealed record FeatureOptions
{
    /// <summary>The day recency and tenure are measured to; null = the day after the last invoice date in the data.</summary>
    public DateOnly? AsOf { get; init; }
}
