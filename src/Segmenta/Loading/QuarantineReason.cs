namespace Segmenta.Loading;

/// <summary>One kind of quarantine reason of an import: how many lines, and the first of them as an example.</summary>
/// <param name="Kind">The reason without the value that caused it ("impossible or unreadable date").</param>
/// <param name="Lines">Lines quarantined for it.</param>
/// <param name="ExampleLine">Line number of the first such line.</param>
/// <param name="ExampleReason">That line's full reason ("impossible or unreadable date '19970101'").</param>
/// <param name="ExampleText">That line's text, cut to 200 characters without control characters.</param>
public sealed record QuarantineReason(string Kind, long Lines, long ExampleLine, string ExampleReason, string ExampleText);
