using System.Data.Common;
using Npgsql;

namespace Segmenta.Store;

/// <summary>
/// A connection to a PostgreSQL server (or the coordinator of a sharded cluster) whose work schema holds the lines and
/// the transaction-level results. Parameters are written @name in the SQL.
/// </summary>
internal sealed class PostgresDatabase : IDisposable
{
    private PostgresDatabase(NpgsqlConnection connection, string schema)
    {
        Connection = connection;
        Schema = schema;
    }

    internal NpgsqlConnection Connection { get; }

    /// <summary>The schema Segmenta writes its tables to (first on the search path).</summary>
    internal string Schema { get; }

    /// <summary>Connects and makes <paramref name="schema"/> the first place tables are created and found.</summary>
    internal static PostgresDatabase Open(string connectionString, string schema)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        }
        catch (ArgumentException e)
        {
            throw new SegmentaException($"The connection string is not valid ({e.Message}). Write it as Host=HOST;Port=5432;Database=DB;Username=USER.", e);
        }
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            connection.Dispose();
            throw new SegmentaException(PasswordProblem(e, builder)
                ?? $"PostgreSQL at {builder.Host}:{builder.Port} could not be reached ({e.Message}). Start it (scripts/postgres-cluster.sh start DIR) or check --connection.", e);
        }
        var database = new PostgresDatabase(connection, schema);
        database.Execute($"CREATE SCHEMA IF NOT EXISTS {Quote(schema)}; SET search_path = {Quote(schema)}, public");
        return database;
    }

    /// <summary>
    /// What to do when the server asked for a password (password, md5 or scram-sha-256 login) and got none, or refused
    /// the one given; null for any other failure. Npgsql looks for the password where libpq does: the connection
    /// string, PGPASSWORD, the password file (~/.pgpass or PGPASSFILE).
    /// </summary>
    internal static string? PasswordProblem(Exception e, NpgsqlConnectionStringBuilder builder)
    {
        var server = $"PostgreSQL at {builder.Host}:{builder.Port} (database {builder.Database}, user {builder.Username})";
        if (e is PostgresException { SqlState: "28P01" })
        {
            return $"{server} refused the password (password authentication failed): check the Password of the connection string, PGPASSWORD or the server's line in ~/.pgpass.";
        }
        return e.Message.Contains("password", StringComparison.OrdinalIgnoreCase)
            ? $"{server} asks for a password and none was given: set PGPASSWORD, add a line for this server to ~/.pgpass (or to the file PGPASSFILE names), or put Password=... in the connection string."
            : null;
    }

    /// <summary>An identifier quoted for PostgreSQL ("Order Lines" stays one name).</summary>
    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    internal T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return CommandResults.Scalar<T>(command);
    }

    internal List<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return CommandResults.Rows(command, map);
    }

    /// <summary>The plan PostgreSQL would use for <paramref name="sql"/> (EXPLAIN VERBOSE), one line per row.</summary>
    internal string Explain(string sql) => string.Join("\n", Query("EXPLAIN (VERBOSE, COSTS OFF) " + sql, r => r.GetString(0)));

    private NpgsqlCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, Connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    public void Dispose() => Connection.Dispose();
}
