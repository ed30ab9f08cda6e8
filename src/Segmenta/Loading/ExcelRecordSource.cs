using System.Globalization;
using ExcelDataReader;

namespace Segmenta.Loading;

/// <summary>Reads the first sheet of an .xlsx workbook through ExcelDataReader; the first non-empty row is the header.</summary>
internal sealed class ExcelRecordSource : IRecordSource
{
    private readonly Stream _stream;
    private readonly IExcelDataReader _reader;
    private readonly string[]? _values;
    private long _row;

    internal ExcelRecordSource(string path)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        _stream = File.OpenRead(path);
        try
        {
            _reader = ExcelReaderFactory.CreateOpenXmlReader(_stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _stream.Dispose();
            throw new SegmentaException($"{Path.GetFileName(path)} could not be opened as an Excel workbook ({e.Message}). Re-save it as .xlsx or CSV.", e);
        }
        if (!Read())
        {
            Dispose();
            throw new SegmentaException($"{Path.GetFileName(path)}: the first sheet is empty. Put the transactions, with a header row, on the first sheet.");
        }
        Header = Enumerable.Range(0, _reader.FieldCount).Select(i => Cell(i).Trim()).ToArray();
        _values = new string[Header.Count];
    }

    public IReadOnlyList<string> Header { get; }

    public long LineNumber => _row;

    public RecordProblem Problem => RecordProblem.None;

    public int FieldCount => _values?.Length ?? _reader.FieldCount;

    public ReadOnlySpan<char> Field(int index) => _values![index];

    public string RawText() => string.Join(",", _values!);

    public bool Read()
    {
        while (_reader.Read())
        {
            _row++;
            if (_values is null)
            {
                if (Enumerable.Range(0, _reader.FieldCount).Any(i => _reader.GetValue(i) is not null))
                {
                    return true;
                }
                continue;
            }
            var empty = true;
            for (var i = 0; i < _values.Length; i++)
            {
                _values[i] = i < _reader.FieldCount ? Cell(i) : "";
                empty &= _values[i].Length == 0;
            }
            if (!empty)
            {
                return true;
            }
        }
        return false;
    }

    private string Cell(int index) => _reader.GetValue(index) switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double v => v.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
