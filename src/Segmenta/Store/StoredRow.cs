using System.Data.Common;
using System.Globalization;

namespace Segmenta.Store;

/// <summary>A stored row by column name, with dates as ISO text and DuckDB's HUGEINT as long: the shape hosts serialise.</summary>
public static class StoredRow
{
    /// <summary>The current row of <paramref name="reader"/>; SQL NULL becomes null.</summary>
    public static IReadOnlyDictionary<string, object?> Read(DbDataReader reader)
    {
        var row = new Dictionary<string, object?>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
            {
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                System.Numerics.BigInteger b => (long)b,
                var value => value,
            };
        }
        return row;
    }
}
