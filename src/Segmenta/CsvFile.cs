using System.Data.Common;
using System.Globalization;
using System.Text;
using Segmenta.Store;

namespace Segmenta;

/// <summary>
/// The one way Segmenta writes a CSV file: UTF-8 without BOM, LF line ends, invariant culture, every text cell through
/// <see cref="CsvCell.Text"/> (formula-safe), undefined values (NULL, NaN, infinity) as empty cells, no -0.
/// </summary>
public static class CsvFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Plain notation without trailing zeros (a DECIMAL(38,4) 0.0100 is written 0.01), never an exponent.
    private const string PlainDecimal = "0.############################";

    /// <summary>Writes the result of <paramref name="query"/> with its column names as the header; returns the rows written.</summary>
    internal static long WriteQuery(SegmentaStore store, string query, string path, params (string Name, object? Value)[] parameters)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = query;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter(name, value ?? DBNull.Value));
        }
        using var reader = command.ExecuteReader();
        using var writer = Open(path);
        var columns = reader.FieldCount;
        writer.Write(string.Join(',', Enumerable.Range(0, columns).Select(i => CsvCell.Text(reader.GetName(i)))));
        writer.Write('\n');
        long rows = 0;
        while (reader.Read())
        {
            for (var i = 0; i < columns; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }
                writer.Write(Cell(reader, i));
            }
            writer.Write('\n');
            rows++;
        }
        return rows;
    }

    /// <summary>Writes a header and rows of cells already made with <see cref="CsvCell"/>.</summary>
    public static void Write(string path, IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        using var writer = Open(path);
        writer.Write(string.Join(',', header.Select(CsvCell.Text)));
        writer.Write('\n');
        foreach (var row in rows)
        {
            writer.Write(string.Join(',', row));
            writer.Write('\n');
        }
    }

    /// <summary>One value as a cell, by its type.</summary>
    internal static string Cell(DbDataReader reader, int column)
    {
        if (reader.IsDBNull(column))
        {
            return "";
        }
        return reader.GetValue(column) switch
        {
            string text => CsvCell.Text(text),
            double number => Number(number),
            float number => Number(number),
            decimal number => number == 0 ? "0" : number.ToString(PlainDecimal, CultureInfo.InvariantCulture),
            DateTime time => time.TimeOfDay == TimeSpan.Zero && reader.GetDataTypeName(column).Equals("Date", StringComparison.OrdinalIgnoreCase)
                ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            IFormattable other => CsvCell.Text(other.ToString(null, CultureInfo.InvariantCulture)),
            var other => CsvCell.Text(other.ToString()),
        };
    }

    /// <summary>A finite double as plain decimal text (15 significant digits, no exponent, no -0); empty otherwise.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return "";
        }
        if (Math.Abs(value) >= 1e15)
        {
            return Math.Round(value).ToString("0", CultureInfo.InvariantCulture);
        }
        var exact = (decimal)value;
        return exact == 0 ? "0" : exact.ToString(CultureInfo.InvariantCulture);
    }

    private static StreamWriter Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        return new StreamWriter(path, append: false, Utf8, bufferSize: 1 << 16);
    }
}
