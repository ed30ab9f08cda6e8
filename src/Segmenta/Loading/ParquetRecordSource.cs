using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace Segmenta.Loading;

/// <summary>
/// Reads a Parquet file through DuckDB's own reader, on a private in-memory connection so the import
/// transaction of the store is not disturbed. Typed cells are turned into invariant text for the line converter.
/// </summary>
internal sealed class ParquetRecordSource : IRecordSource
{
    private readonly DuckDBConnection _connection;
    private readonly DuckDBCommand _command;
    private readonly DbDataReader _reader;
    private readonly string[] _values;
    private long _row = 1;

    internal ParquetRecordSource(string path)
    {
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        _command = _connection.CreateCommand();
        _command.CommandText = "SELECT * FROM read_parquet($path)";
        _command.Parameters.Add(new DuckDBParameter("path", path));
        try
        {
            _reader = _command.ExecuteReader();
        }
        catch (DuckDBException e)
        {
            Dispose();
            throw new SegmentaException($"{Path.GetFileName(path)} could not be read as Parquet ({e.Message}).", e);
        }
        Header = Enumerable.Range(0, _reader.FieldCount).Select(_reader.GetName).ToArray();
        _values = new string[Header.Count];
    }

    public IReadOnlyList<string> Header { get; }

    public long LineNumber => _row;

    public RecordProblem Problem => RecordProblem.None;

    public int FieldCount => _values.Length;

    public ReadOnlySpan<char> Field(int index) => _values[index];

    public string RawText() => string.Join(",", _values);

    public bool Read()
    {
        if (!_reader.Read())
        {
            return false;
        }
        _row++;
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = _reader.IsDBNull(i) ? "" : _reader.GetValue(i) switch
            {
                DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                double v => v.ToString("R", CultureInfo.InvariantCulture),
                float v => v.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "",
            };
        }
        return true;
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _command.Dispose();
        _connection.Dispose();
    }
}
