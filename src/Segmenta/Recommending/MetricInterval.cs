namespace Segmenta.Recommending;

/// <summary>A metric's mean over customers and its 95% percentile-bootstrap interval (resampling customers).</summary>
/// <param name="Value">The mean over the evaluated customers.</param>
/// <param name="Low">The 2.5th percentile of the bootstrap means.</param>
/// <param name="High">The 97.5th percentile of the bootstrap means.</param>
public sealed record MetricInterval(double Value, double Low, double High)
{
    /// <summary>True when the two intervals do not overlap.</summary>
    public bool Separates(MetricInterval other) => Low > other.High || High < other.Low;
}
