using System.Globalization;
using Npgsql;
using Segmenta.Loading;
using Segmenta.Pipeline;
using Segmenta.Postgres;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// A shop's table that already lives on the cluster's shards (partitioned on the coordinator, every partition a
/// postgres_fdw foreign table on a shard): read with <c>--table</c>, its lines go from shard to shard and are numbered
/// there, never through the coordinator, and get the numbers and outcomes of the same rows read on one server, in any
/// order and however the shop spread them; a plain table on the coordinator is numbered there and streamed to the
/// shards, with the same numbers.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresShardedSourceTests(SharedDataRuns runs)
{
    private const string Columns = "order_no TEXT, sku TEXT, label TEXT, qty INTEGER, sold_at TIMESTAMP, each_price NUMERIC, client BIGINT, nation TEXT, region INTEGER";

    private static readonly Dictionary<ColumnRole, string> Map = new()
    {
        [ColumnRole.Invoice] = "order_no", [ColumnRole.Product] = "sku", [ColumnRole.Description] = "label", [ColumnRole.Quantity] = "qty",
        [ColumnRole.Date] = "sold_at", [ColumnRole.UnitPrice] = "each_price", [ColumnRole.Customer] = "client", [ColumnRole.Country] = "nation",
    };

    [SkippableFact]
    public void A_table_partitioned_over_the_shards_is_numbered_there_as_one_server_numbers_it_in_any_order()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();
        var lines = ShopWithCopiesReturnsAndAnonymousLines();
        var schema = "segmenta_test_sharded_" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            // One server: a plain table, the rows in their own order.
            Execute(runs.Servers.Coordinator, $"CREATE SCHEMA IF NOT EXISTS {PostgresLayout.ExtensionSchema}; CREATE EXTENSION IF NOT EXISTS postgres_fdw SCHEMA {PostgresLayout.ExtensionSchema}; CREATE SCHEMA \"{schema}\"; CREATE TABLE \"{schema}\".shop_orders ({Columns})");
            Fill(runs.Servers.Coordinator, $"\"{schema}\".shop_orders", lines.Select(l => l + ",0"));
            Analyze(directory.File("single"), schema + "_single", $"{schema}.shop_orders", shards: []);
            // The same plain table read by the cluster: numbered on the coordinator, streamed to the shards.
            Analyze(directory.File("coordinator"), schema + "_coordinator", $"{schema}.shop_orders", runs.Servers.Shards);

            // The cluster: the shop's table spread over the shards by its own region column, once every other row to each
            // shard, once the other way round in reverse order.
            var spreads = new[]
            {
                ("spread", lines.Select((l, i) => (Line: l, Region: i % 2))),
                ("respread", lines.Select((l, i) => (Line: l, Region: 1 - i % 2)).Reverse()),
            };
            foreach (var (name, rows) in spreads)
            {
                var table = ShardedTable(schema, name, [.. rows]);
                Analyze(directory.File(name), $"{schema}_{name}", table, runs.Servers.Shards);
            }

            // Read through the coordinator, the sharded table cannot be: its user mapping names a role that cannot log in.
            Assert.Throws<PostgresException>(() => Execute(runs.Servers.Coordinator, $"SELECT count(*) FROM \"{schema}\".spread"));
            var single = NumberedLines(schema + "_single");
            Assert.Equal(lines.Count, single.Count);
            foreach (var name in new[] { "coordinator", "spread", "respread" })
            {
                Assert.Equal(single, NumberedLines($"{schema}_{name}"));
                foreach (var file in new[] { "customers.csv", "cleaning.csv", "segments.csv" })
                {
                    Assert.Equal(File.ReadAllText(Path.Combine(directory.File("single"), file)), File.ReadAllText(Path.Combine(directory.File(name), file)));
                }
            }
            // The copies, the returns and the lines without a customer were there to be numbered and ruled.
            var cleaning = File.ReadAllText(Path.Combine(directory.File("spread"), "cleaning.csv"));
            Assert.Contains("duplicate", cleaning, StringComparison.Ordinal);
            Assert.Contains("missing_customer", cleaning, StringComparison.Ordinal);
        }
        finally
        {
            Execute(runs.Servers.Coordinator, string.Concat(new[] { "", "_single", "_coordinator", "_spread", "_respread" }.Select(s =>
                $"DROP SCHEMA IF EXISTS \"{schema}{s}\" CASCADE; DROP SERVER IF EXISTS \"{schema}{s}_shard1\" CASCADE; DROP SERVER IF EXISTS \"{schema}{s}_shard2\" CASCADE; "))
                + $"DROP SERVER IF EXISTS \"{schema}_src0\" CASCADE; DROP SERVER IF EXISTS \"{schema}_src1\" CASCADE;");
            foreach (var shard in runs.Servers.Shards)
            {
                Execute(shard, $"DROP SCHEMA IF EXISTS \"{schema}_src\" CASCADE; "
                    + string.Concat(new[] { "_coordinator", "_spread", "_respread" }.SelectMany(s => new[] { $"{s}_p0", $"{s}_p1" }).Select(s => $"DROP SCHEMA IF EXISTS \"{schema}{s}\" CASCADE; ")));
            }
        }
    }

    /// <summary>
    /// The synthetic shop with exact copies of every ninth line, a cancelled return of every seventeenth, lines without a
    /// customer (some also without an invoice): the rules that take the first line and set lines aside have work to do.
    /// </summary>
    private static List<string> ShopWithCopiesReturnsAndAnonymousLines()
    {
        var lines = new List<string>();
        foreach (var (line, i) in SyntheticShop.Lines().Select((l, i) => (l, i)))
        {
            lines.Add(line);
            var f = line.Split(',');
            if (i % 9 == 0)
            {
                lines.Add(line);
            }
            if (i % 17 == 0)
            {
                lines.Add(string.Join(',', "C" + f[0], f[1], f[2], "-" + f[3], f[4], f[5], f[6], f[7]));
            }
            if (i % 13 == 0)
            {
                lines.Add(string.Join(',', f[0], f[1], f[2], f[3], f[4], f[5], "", f[7]));
            }
            if (i % 29 == 0)
            {
                lines.Add(string.Join(',', "", f[1], f[2], f[3], f[4], f[5], "", f[7]));
            }
        }
        return lines;
    }

    /// <summary>
    /// <paramref name="name"/>, partitioned on the coordinator by region, each region's rows in a table on its shard
    /// behind a foreign partition whose user mapping cannot log in: only the shards themselves can read them.
    /// </summary>
    private string ShardedTable(string schema, string name, IReadOnlyList<(string Line, int Region)> rows)
    {
        Execute(runs.Servers.Coordinator, $"CREATE TABLE \"{schema}\".{name} ({Columns}) PARTITION BY LIST (region)");
        for (var region = 0; region < runs.Servers.Shards.Count; region++)
        {
            var shard = new NpgsqlConnectionStringBuilder(runs.Servers.Shards[region]);
            Execute(runs.Servers.Shards[region], $"CREATE SCHEMA IF NOT EXISTS \"{schema}_src\"; CREATE TABLE \"{schema}_src\".{name}_part ({Columns})");
            Fill(runs.Servers.Shards[region], $"\"{schema}_src\".{name}_part", rows.Where(r => r.Region == region).Select(r => r.Line + "," + r.Region.ToString(CultureInfo.InvariantCulture)));
            var server = $"\"{schema}_src{region}\"";
            Execute(runs.Servers.Coordinator,
                $"""
                CREATE SERVER IF NOT EXISTS {server} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '{shard.Host}', port '{shard.Port}', dbname '{shard.Database}');
                CREATE USER MAPPING IF NOT EXISTS FOR CURRENT_USER SERVER {server} OPTIONS (user 'segmenta_no_such_role');
                CREATE FOREIGN TABLE "{schema}".{name}_{region} PARTITION OF "{schema}".{name} FOR VALUES IN ({region})
                    SERVER {server} OPTIONS (schema_name '{schema}_src', table_name '{name}_part');
                """);
        }
        return $"{schema}.{name}";
    }

    private void Analyze(string output, string schema, string table, IReadOnlyList<string> shards) => AnalysisPipeline.Run(new AnalysisOptions
    {
        OutputDirectory = output, Recommendation = null, Lifetime = null, Engine = Engine.Postgres, Import = new ImportOptions { ColumnMap = Map },
        Postgres = new PostgresOptions { Connection = runs.Servers.Coordinator, Schema = schema, Table = table, Shards = shards },
    });

    /// <summary>Every line of a run's raw_lines with its number and key, in number order.</summary>
    private List<string> NumberedLines(string schema)
    {
        using var connection = new NpgsqlConnection(runs.Servers.Coordinator);
        connection.Open();
        using var command = new NpgsqlCommand(
            $"SELECT concat_ws('|', line_number, invoice, stock_code, quantity, invoice_date, unit_price, amount, customer_id, country, distribution_key) FROM \"{schema}\".raw_lines ORDER BY line_number", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    private static void Fill(string connectionString, string table, IEnumerable<string> lines)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var writer = connection.BeginTextImport($"COPY {table} FROM STDIN (FORMAT CSV)");
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
