using System.CommandLine;
using Segmenta.Postgres;
using Segmenta.Store;

namespace Segmenta.Cli;

/// <summary>The options that choose the engine and, for PostgreSQL, the server, schema, source table and shards.</summary>
internal sealed class PostgresOptionSet
{
    internal Option<string> Engine { get; } = new("--engine")
    {
        Description = "Where the transaction-level SQL runs: duckdb (the local database file) or postgres (a server given by --connection; docs/postgres.md).",
        DefaultValueFactory = _ => "duckdb",
    };

    internal Option<string?> Connection { get; } = new("--connection")
    {
        Description = "PostgreSQL server (--engine postgres), e.g. \"Host=127.0.0.1;Port=5432;Database=shop;Username=me\". The coordinator of a cluster.",
    };

    internal Option<string?> Table { get; } = new("--table")
    {
        Description = "An existing table of transactions on the server, read in place (columns mapped like a file's, --map role=column). Default: import the files there.",
    };

    internal Option<string> Schema { get; } = new("--schema")
    {
        Description = "Schema for Segmenta's tables on the server (lines, customers, customer_segments).",
        DefaultValueFactory = _ => "segmenta",
    };

    internal Option<string[]> Shards { get; } = new("--shard")
    {
        Description = "A shard server's connection string, repeatable (at least two): the lines are hash-partitioned by customer over them with postgres_fdw.",
        AllowMultipleArgumentsPerToken = false,
    };

    internal void AddTo(Command command)
    {
        Engine.AcceptOnlyFromAmong("duckdb", "postgres");
        command.Add(Engine);
        command.Add(Connection);
        command.Add(Table);
        command.Add(Schema);
        command.Add(Shards);
    }

    internal (Engine Engine, PostgresOptions? Options) Read(ParseResult result)
    {
        if (result.GetValue(Engine) != "postgres")
        {
            foreach (var option in new Option[] { Connection, Table, Shards })
            {
                if (result.GetResult(option) is { Implicit: false })
                {
                    throw new SegmentaException($"{option.Name} is for --engine postgres; add --engine postgres or leave it out.");
                }
            }
            return (Store.Engine.DuckDb, null);
        }
        var connection = result.GetValue(Connection)
            ?? throw new SegmentaException("--engine postgres needs --connection \"Host=HOST;Database=DB;Username=USER\" (scripts/postgres-cluster.sh start DIR starts a local one).");
        return (Store.Engine.Postgres, new PostgresOptions
        {
            Connection = connection,
            Table = result.GetValue(Table),
            Schema = result.GetValue(Schema)!,
            Shards = result.GetValue(Shards) ?? [],
        });
    }
}
