namespace Segmenta.Loading;

/// <summary>A required role (customer, date, amount) has no column in the file.</summary>
public sealed class MissingColumnException(string message) : SegmentaException(message);
