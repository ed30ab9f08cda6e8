namespace Segmenta.Loading;

/// <summary>
/// The importer's decisions about a file. <see cref="EncodingIsGuess"/> and <see cref="DateOrderIsGuess"/> mark
/// decisions taken without evidence, which a later line may overturn (the import then starts again).
/// </summary>
internal sealed record SourceSettings(
    string? EncodingName,
    bool EncodingIsGuess,
    char? Delimiter,
    DateFormat DateFormat,
    DateOrder DateOrder,
    bool DateOrderIsGuess,
    DecimalStyle DecimalStyle)
{
    /// <summary>How the sample's dates were written when that settles the order by itself ("yyyyMMdd", "year-month-day").</summary>
    internal string? DateStyleSeen { get; init; }
}
