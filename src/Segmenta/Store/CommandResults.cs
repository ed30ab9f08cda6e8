using System.Data.Common;
using System.Globalization;

namespace Segmenta.Store;

/// <summary>How a command's result is read, whichever engine ran it (the DuckDB store, a PostgreSQL server).</summary>
internal static class CommandResults
{
    /// <summary>The first column of the first row, or default when there is none or it is NULL.</summary>
    internal static T? Scalar<T>(DbCommand command)
    {
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>Maps every row of the command's result.</summary>
    internal static List<T> Rows<T>(DbCommand command, Func<DbDataReader, T> map)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }
}
