namespace Segmenta.Loading;

/// <summary>Why a source record could not be read as a row of fields.</summary>
internal enum RecordProblem
{
    None,
    WrongFieldCount,
    UnterminatedQuote,
}

/// <summary>
/// A forward-only reader of records (rows of text fields) from any source format.
/// Spans returned by <see cref="Field"/> are valid until the next <see cref="Read"/>.
/// </summary>
internal interface IRecordSource : IDisposable
{
    /// <summary>Column names, in file order.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>Advances to the next record; false at the end of the source.</summary>
    bool Read();

    /// <summary>Source line (text) or row (spreadsheet) number of the current record, 1-based, header included.</summary>
    long LineNumber { get; }

    /// <summary>Structural problem of the current record, if any; its fields are then unreliable.</summary>
    RecordProblem Problem { get; }

    /// <summary>Number of fields in the current record.</summary>
    int FieldCount { get; }

    /// <summary>The text of field <paramref name="index"/> of the current record.</summary>
    ReadOnlySpan<char> Field(int index);

    /// <summary>The current record as it appeared in the source, for the quarantine table.</summary>
    string RawText();
}
