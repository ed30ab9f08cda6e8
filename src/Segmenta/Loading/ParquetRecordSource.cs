using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace Segmenta.Loading;

/// <summary>
/// Reads a Parquet file through DuckDB's own reader, on a private in-memory connection so the import
/// transaction of the store is not disturbed. Typed cells are turned into invariant text for the line converter.
/// The rows are queried at the first <see cref="Read"/> (up to <c>rowLimit</c>), so a source opened only for its
/// header or a sample does not read the whole file; typed files are loaded set-based instead (<see cref="ParquetTypedImport"/>).
/// </summary>
internal sealed class ParquetRecordSource : IRecordSource
{
    private readonly DuckDBConnection _connection;
    private readonly DuckDBCommand _command;
    private readonly string[] _values;
    private DbDataReader? _reader;
    private long _row = 1;

    internal ParquetRecordSource(string path, long? rowLimit = null)
    {
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        _command = _connection.CreateCommand();
        _command.Parameters.Add(new DuckDBParameter("path", path));
        try
        {
            _command.CommandText = "DESCRIBE SELECT * FROM read_parquet($path)";
            using (var columns = _command.ExecuteReader())
            {
                var names = new List<string>();
                while (columns.Read())
                {
                    names.Add(columns.GetString(0));
                }
                Header = names;
            }
        }
        catch (DuckDBException e)
        {
            Dispose();
            throw new SegmentaException($"{Path.GetFileName(path)} could not be read as Parquet ({e.Message}).", e);
        }
        _command.CommandText = rowLimit is { } limit
            ? string.Create(CultureInfo.InvariantCulture, $"SELECT * FROM read_parquet($path) LIMIT {limit}")
            : "SELECT * FROM read_parquet($path)";
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
        _reader ??= _command.ExecuteReader();
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
