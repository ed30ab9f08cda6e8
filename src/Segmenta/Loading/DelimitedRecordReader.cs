namespace Segmenta.Loading;

/// <summary>
/// Reads delimited text (RFC 4180 quoting with doubled quotes) record by record, keeping physical line numbers.
/// A quoted field may span lines, but only up to <see cref="MaxLinesPerRecord"/>: beyond that (or at the end of the
/// file) the opening line is reported as an unterminated quote and the lines after it are read again as records of
/// their own, so one stray quote never swallows the rest of the file. The <see cref="Whitespace"/> delimiter splits on
/// runs of spaces and tabs (fixed-width-looking exports such as CDNOW). A file whose first line looks like data has no
/// header: its columns are then named by position, "1", "2", ...
/// </summary>
internal sealed class DelimitedRecordReader : IRecordSource
{
    internal const int MaxLinesPerRecord = 20;

    /// <summary>More columns than this is not a transaction table (a wrong delimiter, or not a table at all).</summary>
    internal const int MaxColumns = 1_000;

    /// <summary>The delimiter value meaning "any run of spaces and tabs".</summary>
    internal const char Whitespace = ImportOptions.WhitespaceDelimiter;

    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly Queue<(string Text, long Number)> _replay = new();
    private long _physicalLine;
    private char[] _chars = new char[1024];
    private (int Start, int Length)[] _fields = new (int, int)[16];
    private string _raw = "";
    private bool _firstRecordPending;

    internal DelimitedRecordReader(TextReader reader, char delimiter, HeaderMode header = HeaderMode.Auto)
    {
        _reader = reader;
        _delimiter = delimiter;
        Header = ReadHeader(header);
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>False when the first line was data and the columns are named by position.</summary>
    internal bool HasHeader { get; private set; } = true;

    public long LineNumber { get; private set; }

    public RecordProblem Problem { get; private set; }

    public int FieldCount { get; private set; }

    public ReadOnlySpan<char> Field(int index)
    {
        var (start, length) = _fields[index];
        return _chars.AsSpan(start, length);
    }

    public string RawText() => _raw;

    public bool Read()
    {
        if (_firstRecordPending)
        {
            _firstRecordPending = false;
            return true;
        }
        while (NextLine() is { } first)
        {
            if (first.Text.Length == 0)
            {
                continue; // blank lines carry no record and are not counted
            }
            ReadRecord(first);
            return true;
        }
        return false;
    }

    public void Dispose() => _reader.Dispose();

    private string[] ReadHeader(HeaderMode mode)
    {
        if (!Read())
        {
            throw new SegmentaException("The file is empty: it has no lines. Give a file with a line per purchase.");
        }
        if (FieldCount > MaxColumns)
        {
            throw new SegmentaException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The first line splits into {FieldCount:N0} fields with the delimiter {(_delimiter == Whitespace ? "whitespace" : $"'{_delimiter}'")}; "
                + $"a transaction file has a few columns (at most {MaxColumns:N0} are read). Give the right one with --delimiter, or check that the file is a table."));
        }
        var header = new string[FieldCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = Field(i).Trim().ToString();
        }
        if (mode == HeaderMode.Absent || (mode == HeaderMode.Auto && Problem == RecordProblem.None && HeaderDetector.LooksLikeData(header)))
        {
            // The first line is a record: keep it for the first Read and name the columns by position.
            HasHeader = false;
            _firstRecordPending = true;
            return Enumerable.Range(1, header.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }
        return header;
    }

    private (string Text, long Number)? NextLine()
    {
        if (_replay.Count > 0)
        {
            return _replay.Dequeue();
        }
        var text = _reader.ReadLine();
        if (text is null)
        {
            return null;
        }
        _physicalLine++;
        if (_physicalLine == 1 && text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        return (text, _physicalLine);
    }

    private void ReadRecord((string Text, long Number) first)
    {
        LineNumber = first.Number;
        Problem = RecordProblem.None;
        var consumed = new List<(string, long)>();
        var text = first.Text;
        while (!TrySplit(text))
        {
            var next = consumed.Count + 1 < MaxLinesPerRecord ? NextLine() : null;
            if (next is null)
            {
                // Give back every continuation line: they are records of their own.
                for (var i = consumed.Count - 1; i >= 0; i--)
                {
                    PushFront(consumed[i]);
                }
                Problem = RecordProblem.UnterminatedQuote;
                _raw = first.Text;
                FieldCount = 0;
                return;
            }
            consumed.Add(next.Value);
            text = string.Concat(text, "\n", next.Value.Text);
        }
        _raw = text;
        if (Header is null ? FieldCount >= 0 : FieldCount == Header.Count)
        {
            return;
        }
        if (consumed.Count > 0)
        {
            // A quote opened on this line closed lines later but the fields do not fit: the quote was stray.
            for (var i = consumed.Count - 1; i >= 0; i--)
            {
                PushFront(consumed[i]);
            }
            Problem = RecordProblem.UnterminatedQuote;
            _raw = first.Text;
            FieldCount = 0;
            return;
        }
        Problem = FieldCount < 0 ? RecordProblem.UnterminatedQuote : RecordProblem.WrongFieldCount;
    }

    private void PushFront((string Text, long Number) line)
    {
        var rest = _replay.ToArray();
        _replay.Clear();
        _replay.Enqueue(line);
        foreach (var item in rest)
        {
            _replay.Enqueue(item);
        }
    }

    /// <summary>Splits one logical record into fields; false when a quoted field is still open at the end.</summary>
    private bool TrySplit(string text)
    {
        if (_chars.Length < text.Length)
        {
            _chars = new char[Math.Max(text.Length, _chars.Length * 2)];
        }
        if (_delimiter == Whitespace)
        {
            return TrySplitOnWhitespace(text);
        }
        var count = 0;
        var write = 0;
        var i = 0;
        while (true)
        {
            var start = write;
            if (i < text.Length && text[i] == '"')
            {
                if (!CopyQuoted(text, ref i, ref write))
                {
                    return false;
                }
                if (i < text.Length && text[i] != _delimiter)
                {
                    if (text.Contains('\n'))
                    {
                        // A quote that "closes" lines later but is not followed by a delimiter was a stray quote.
                        FieldCount = -1;
                        return true;
                    }
                    // On one line, be lenient about text after a closing quote ("abc"def): keep it in the field.
                    while (i < text.Length && text[i] != _delimiter)
                    {
                        _chars[write++] = text[i++];
                    }
                }
            }
            else
            {
                var end = text.IndexOf(_delimiter, i);
                if (end < 0)
                {
                    end = text.Length;
                }
                text.CopyTo(i, _chars, write, end - i);
                write += end - i;
                i = end;
            }
            if (count == _fields.Length)
            {
                Array.Resize(ref _fields, count * 2);
            }
            _fields[count++] = (start, write - start);
            if (i >= text.Length)
            {
                break;
            }
            i++; // skip the delimiter
            if (i == text.Length)
            {
                // A trailing delimiter ends with one more, empty field.
                if (count == _fields.Length)
                {
                    Array.Resize(ref _fields, count * 2);
                }
                _fields[count++] = (write, 0);
                break;
            }
        }
        FieldCount = count;
        return true;
    }

    /// <summary>
    /// Copies a quoted field starting at the opening quote <c>text[i]</c> into the field buffer, unescaping doubled
    /// quotes; leaves <paramref name="i"/> after the closing quote. False when the quote is never closed.
    /// </summary>
    private bool CopyQuoted(string text, ref int i, ref int write)
    {
        i++;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    _chars[write++] = '"';
                    i += 2;
                    continue;
                }
                i++;
                return true;
            }
            _chars[write++] = text[i++];
        }
        return false;
    }

    /// <summary>Fields separated by runs of spaces and tabs; leading and trailing blanks carry no field; quotes group words.</summary>
    private bool TrySplitOnWhitespace(string text)
    {
        var count = 0;
        var write = 0;
        var i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }
            if (i >= text.Length)
            {
                break;
            }
            var start = write;
            if (text[i] == '"')
            {
                if (!CopyQuoted(text, ref i, ref write))
                {
                    return false;
                }
            }
            while (i < text.Length && text[i] is not (' ' or '\t'))
            {
                _chars[write++] = text[i++];
            }
            if (count == _fields.Length)
            {
                Array.Resize(ref _fields, count * 2);
            }
            _fields[count++] = (start, write - start);
        }
        FieldCount = count;
        return true;
    }
}
