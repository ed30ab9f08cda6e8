namespace Segmenta.Pipeline;

/// <summary>What scoring wrote: the file, how many customers, and how many fell in each segment.</summary>
public sealed record ScoreResult(string Path, int Customers, IReadOnlyList<long> SegmentSizes, IReadOnlyList<string> SegmentNames);
