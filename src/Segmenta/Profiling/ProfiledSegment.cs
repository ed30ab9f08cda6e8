using Segmenta.Segmentation;

namespace Segmenta.Profiling;

/// <summary>A segment with its profile, name, explanation and action.</summary>
public sealed record ProfiledSegment(SegmentProfile Profile, string Name, SegmentExplanation Explanation, SegmentAction Action);

/// <summary>All segments of one segmentation, with the surrogate tree's overall fidelity and the insight sentences.</summary>
public sealed record ProfiledSegmentation(SegmentationKind Segmentation, IReadOnlyList<ProfiledSegment> Segments, double ExplanationFidelity, IReadOnlyList<string> Insights);
