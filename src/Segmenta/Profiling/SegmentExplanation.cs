namespace Segmenta.Profiling;

/// <summary>A short rule that describes a segment, and how faithful it is to the segmentation.</summary>
/// <param name="Rule">For example "Recency ≤ 30 days and Frequency ≥ 8 orders"; empty when no short rule isolates the segment.</param>
/// <param name="Fidelity">Share of the segment's customers that the rule tree assigns to the segment.</param>
public sealed record SegmentExplanation(string Rule, double Fidelity);
