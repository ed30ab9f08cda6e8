using System.Text.Json;
using Npgsql;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Which servers hold the lines of a PostgreSQL run, so that the commands that read lines again (segmenta segment, clv
/// and explore on the run's database) run their SQL there. The run writes a token on every server it lays out
/// (<c>segmenta_run</c>, Postgres/server_run.sql) and, once it succeeded, remembers the servers and the token in the
/// local store (<c>postgres_run</c>). Connection strings are remembered without their password: PostgreSQL's client
/// reads it from PGPASSWORD or the password file (~/.pgpass, or the file PGPASSFILE names), as psql and pg_dump do.
/// </summary>
internal static class ServerRun
{
    private const string Table = "postgres_run";

    /// <summary>Writes a new run token on the coordinator (or the one server) and in every shard's schema; returns it.</summary>
    internal static string Stamp(PostgresDatabase coordinator, PostgresOptions postgres)
    {
        var token = Guid.NewGuid().ToString("N");
        // On a server that holds lines the token is as durable as they are: a crash that empties unlogged line tables
        // empties it too, and a re-run then says the schema holds no run instead of reading empty tables.
        void Write(PostgresDatabase database, bool holdsLines)
        {
            database.Execute(PostgresLayout.Durable(SqlScripts.Get("Postgres/server_run.sql"), holdsLines));
            database.Execute("INSERT INTO segmenta_run (run_token) VALUES (@token)", ("token", token));
        }
        Write(coordinator, holdsLines: postgres.Shards.Count == 0);
        for (var i = 0; i < postgres.Shards.Count; i++)
        {
            using var shard = PostgresDatabase.Open(postgres.Shards[i], PostgresLayout.ShardSchema(coordinator.Schema, i));
            Write(shard, holdsLines: true);
        }
        return token;
    }

    /// <summary>Remembers in the local store where the run's lines are (without passwords) and the run's token.</summary>
    internal static void Remember(SegmentaStore store, PostgresOptions postgres, string token)
    {
        store.Execute(SqlScripts.Get("Postgres/local_server_run.sql"));
        store.Execute($"INSERT INTO {Table} VALUES ($connection, $schema, $shards, $token)",
            ("connection", WithoutPassword(postgres.Connection)), ("schema", postgres.Schema),
            ("shards", JsonSerializer.Serialize(postgres.Shards.Select(WithoutPassword).ToList(), SegmentaJson.Default.ListString)), ("token", token));
    }

    /// <summary>
    /// The servers of the PostgreSQL run whose database is <paramref name="path"/>, after checking that each can be
    /// reached and still holds that run's lines; <paramref name="again"/> ends the messages (e.g. "run segmenta clv again").
    /// </summary>
    /// <exception cref="SegmentaException">The store does not name its servers, one cannot be reached or asks for a
    /// password that is not in the environment, or another run replaced the lines.</exception>
    internal static PostgresOptions Reconnect(SegmentaStore store, string path, string again)
    {
        if (!store.HasTable(Table))
        {
            throw new SegmentaException($"The lines of {path} were cleaned on PostgreSQL, and this database does not name the server (it was analysed before "
                + $"Segmenta remembered it): run segmenta analyze --engine postgres --connection ... --db {path} again, then {again}.");
        }
        var (connection, schema, shardsJson, token) = store.Query($"SELECT connection, schema_name, shards_json, run_token FROM {Table}",
            r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)))[0];
        var postgres = new PostgresOptions
        {
            Connection = connection,
            Schema = schema,
            Shards = JsonSerializer.Deserialize(shardsJson, SegmentaJson.Default.ListString) ?? [],
        };
        Check(postgres.Connection, schema, token, path, again);
        for (var i = 0; i < postgres.Shards.Count; i++)
        {
            Check(postgres.Shards[i], PostgresLayout.ShardSchema(schema, i), token, path, again);
        }
        return postgres;
    }

    /// <summary><paramref name="connection"/> with no password (nor a client certificate's): what is stored.</summary>
    internal static string WithoutPassword(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection) { Password = null, SslPassword = null };
        return builder.ConnectionString;
    }

    private static void Check(string connection, string schema, string token, string path, string again)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var server = $"PostgreSQL at {builder.Host}:{builder.Port} (database {builder.Database}, user {builder.Username})";
        string? held;
        try
        {
            using var database = new NpgsqlConnection(connection);
            database.Open();
            using var query = new NpgsqlCommand(
                $"SELECT CASE WHEN to_regclass(@table) IS NULL THEN NULL ELSE coalesce((SELECT string_agg(run_token, ',') FROM {PostgresDatabase.Quote(schema)}.segmenta_run), '') END",
                database);
            query.Parameters.AddWithValue("table", PostgresDatabase.Quote(schema) + ".segmenta_run");
            held = query.ExecuteScalar() as string;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new SegmentaException(AsksForPassword(e)
                ? $"{server} asks for a password, and Segmenta does not store passwords: set PGPASSWORD, or add a line for this server to ~/.pgpass "
                    + $"(or to the file PGPASSFILE names), then {again}."
                : $"The lines of {path} stay on {server}, which could not be reached ({e.Message}). Start that server, then {again}.", e);
        }
        if (held != token)
        {
            throw new SegmentaException($"{server} no longer holds the lines {path} was analysed from: schema {schema} "
                + (held switch
                {
                    null => "has no Segmenta run in it",
                    // The token is as durable as the line tables beside it (UNLOGGED): a crash empties both.
                    "" => "has no Segmenta run in it (a server that crashed empties the run's unlogged line tables)",
                    _ => "now holds another run's lines",
                })
                + $". Run segmenta analyze --engine postgres again to analyse what the server holds, then {again}.");
        }
    }

    private static bool AsksForPassword(Exception e) =>
        e is PostgresException { SqlState: "28P01" } || e.Message.Contains("password", StringComparison.OrdinalIgnoreCase);
}
