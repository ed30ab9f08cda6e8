using System.Data.Common;
using DuckDB.NET.Data;

namespace Segmenta.Store;

/// <summary>
/// The embedded DuckDB database that holds imported lines, quarantine, analysis tables and the run log.
/// One store is one file; open it once per command.
/// </summary>
public sealed class SegmentaStore : IDisposable
{
    private SegmentaStore(string path, DuckDBConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    /// <summary>
    /// The storage format a new database file is created in: DuckDB 1.5's, whose strings are compressed by DICT_FSST
    /// (dictionary and FSST in one pass) instead of the v0.10.2 format DuckDB.NET creates by default, where each text
    /// segment is analysed once for the dictionary and once for FSST. Writing the lines costs less (the shared data's
    /// raw_lines copied on one thread: 403-459 ms CPU against 503-519 without FSST and 586-676 with it; 10M lines
    /// 11.6 s against 15.2, decision 78) into a smaller file. A file DuckDB before 1.5 cannot read; a store created in
    /// the older format keeps it (DuckDB writes a file in the format it was created in).
    /// </summary>
    internal const string StorageVersion = "v1.5.0";

    /// <summary>The database file.</summary>
    public string Path { get; }

    internal DuckDBConnection Connection { get; }

    /// <summary>Fails with the one message every host gives when the database file a command needs is not there.</summary>
    /// <exception cref="SegmentaException">No file at <paramref name="path"/>.</exception>
    public static void RequireExisting(string path)
    {
        if (!File.Exists(path))
        {
            throw new SegmentaException($"No database at {path}. Run segmenta analyze FILE --out DIR first, or give --db.");
        }
    }

    /// <summary>Opens (creating when needed) the database file and its tables.</summary>
    public static SegmentaStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new DuckDBConnection($"DataSource={full};storage_compatibility_version={StorageVersion}");
        try
        {
            connection.Open();
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw new SegmentaException(
                $"The database {path} could not be opened ({e.Message.Split('\n')[0]}). If another segmenta command is using it, wait for it to finish; "
                + "if the file is not a Segmenta database, choose another path with --db.", e);
        }
        var store = new SegmentaStore(full, connection);
        try
        {
            EngineLimits.Apply(store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        store.Execute(SqlScripts.Get("Store/schema.sql"));
        if (store.Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'raw_lines' AND column_name = 'amount' AND data_type = 'DOUBLE'") > 0)
        {
            store.Execute(SqlScripts.Get("Store/money_to_decimal.sql"));
        }
        // Stores made before files without an amount were accepted required one on every line.
        if (store.Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'raw_lines' AND column_name = 'amount' AND is_nullable = 'NO'") > 0)
        {
            store.Execute("ALTER TABLE raw_lines ALTER amount DROP NOT NULL");
        }
        return store;
    }

    /// <summary>
    /// A second handle on the same open database, for another thread (DuckDB connections are not thread-safe,
    /// but several connections to one database are). Dispose it when done; the original stays open.
    /// </summary>
    public SegmentaStore Duplicate()
    {
        // DuckDB.NET shares one database instance between connections to the same file within a process.
        var connection = new DuckDBConnection(Connection.ConnectionString);
        connection.Open();
        return new SegmentaStore(Path, connection);
    }

    /// <summary>
    /// DuckDB's FSST and ZSTD string compressions off until the returned scope is disposed, which sets them back. For the
    /// two writes of every line's texts (the import's raw_lines, cleaning's kept lines: decisions 79, 85 and 87), where
    /// trying them on each segment costs more than it gains: FSST (decisions 79, 85), and ZSTD, which DuckDB 1.5 analyses
    /// for every text segment of a 1.5-format store and never chose for any segment of these tables (shared data, 1M
    /// generated lines: every text segment DICT_FSST either way); without it a copy of the kept lines costs 0.83-0.88x the
    /// CPU, of raw_lines on one thread 0.87x (decision 87). The setting is global to the database instance.
    /// </summary>
    internal IDisposable WithoutFsstOrZstd()
    {
        Execute("SET disabled_compression_methods = 'fsst,zstd'");
        return new CompressionReset(this);
    }

    private sealed class CompressionReset(SegmentaStore store) : IDisposable
    {
        public void Dispose() => store.Execute("RESET disabled_compression_methods");
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> (one value per column, in the table's order) into <paramref name="table"/> by one
    /// statement with a parameter per value: a statement costs about 0.4 ms however small, and cleaning's pattern tables
    /// and rules and the RFM map were ~50 one-row statements on the critical path of a run (decision 87).
    /// </summary>
    internal void InsertRows(string table, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var values = rows.Select((row, r) => "(" + string.Join(", ", row.Select((_, c) => $"$v{r}_{c}")) + ")");
        var parameters = rows.SelectMany((row, r) => row.Select((value, c) => ($"v{r}_{c}", value))).ToArray();
        Execute($"INSERT INTO {table} VALUES {string.Join(", ", values)}", parameters);
    }

    /// <summary>Runs one or more statements.</summary>
    internal void Execute(string sql)
    {
        var started = SqlTrace.Start();
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        SqlTrace.Done(started, sql);
    }

    /// <summary>Runs a statement with named parameters ($name in the SQL).</summary>
    internal void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        var started = SqlTrace.Start();
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
        SqlTrace.Done(started, sql);
    }

    /// <summary>The first column of the first row, or default when there is none or it is NULL.</summary>
    internal T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        var started = SqlTrace.Start();
        using var command = Command(sql, parameters);
        var value = CommandResults.Scalar<T>(command);
        SqlTrace.Done(started, sql);
        return value;
    }

    /// <summary>Maps every row of a query.</summary>
    internal List<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        var started = SqlTrace.Start();
        using var command = Command(sql, parameters);
        var rows = CommandResults.Rows(command, map);
        SqlTrace.Done(started, sql);
        return rows;
    }

    /// <summary>
    /// Hands every row of a query to <paramref name="visit"/> as DuckDB produces it (streaming mode): neither DuckDB nor
    /// the caller holds the whole result. For results of many millions of rows (the purchase log at 100M lines: 75.5M
    /// rows), which a materialized result would keep in DuckDB's allocator beside the caller's arrays.
    /// </summary>
    internal void Stream(string sql, Action<DbDataReader> visit, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        var started = SqlTrace.Start();
        while (reader.Read())
        {
            visit(reader);
        }
        SqlTrace.Done(started, sql);
    }

    /// <summary>True when the table exists in the store.</summary>
    internal bool HasTable(string name) =>
        Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = $name", ("name", name)) > 0;

    /// <summary>True when the table exists in the store and has the column (a table written by an earlier version may not).</summary>
    internal bool HasColumn(string table, string column) =>
        Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = $table AND column_name = $column", ("table", table), ("column", column)) > 0;

    private DuckDBCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            // An enum would be bound as its number; stored columns hold the enum's id text (e.g. SegmentationKinds.Id).
            if (value is Enum)
            {
                throw new ArgumentException($"Parameter ${name} is the enum value {value}: pass its stored id text.", nameof(parameters));
            }
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        }
        return command;
    }

    /// <summary>
    /// Stops the statement running on this store's connection, from another thread (a cancelled dashboard job): it
    /// fails with DuckDB's "Interrupted" error within milliseconds. Does nothing when no statement runs.
    /// </summary>
    public void Interrupt()
    {
        // DuckDB.NET's Cancel calls duckdb_interrupt on the command's connection.
        using var command = Connection.CreateCommand();
        command.Cancel();
    }

    /// <inheritdoc/>
    public void Dispose() => Connection.Dispose();
}
