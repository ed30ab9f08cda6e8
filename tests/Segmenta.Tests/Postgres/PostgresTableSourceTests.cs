using Npgsql;
using Segmenta.Loading;
using Segmenta.Pipeline;
using Segmenta.Postgres;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// A shop's own table, with its own column names, read in place (<c>--table</c>, <c>--map</c>): the same customers as
/// the same lines read from a CSV file by the DuckDB engine, whatever order the table's rows are stored in.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTableSourceTests(SharedDataRuns runs)
{
    private static readonly Dictionary<ColumnRole, string> Map = new()
    {
        [ColumnRole.Invoice] = "order_no", [ColumnRole.Product] = "sku", [ColumnRole.Description] = "label", [ColumnRole.Quantity] = "qty",
        [ColumnRole.Date] = "sold_at", [ColumnRole.UnitPrice] = "each_price", [ColumnRole.Customer] = "client", [ColumnRole.Country] = "nation",
    };

    [SkippableFact]
    public void A_table_read_in_place_gives_the_customers_of_the_same_lines_read_from_a_file()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();
        var lines = SyntheticShop.Lines();
        var schema = "segmenta_test_table_" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            CreateTable(schema, lines.Reverse());
            AnalysisPipeline.Run(new AnalysisOptions
            {
                Inputs = [directory.Write("shop.csv", SyntheticShop.Csv(lines))], OutputDirectory = directory.File("duckdb"), Recommendation = null, Lifetime = null,
            });
            var table = AnalysisPipeline.Run(new AnalysisOptions
            {
                OutputDirectory = directory.File("postgres"), Recommendation = null, Lifetime = null,
                Engine = Engine.Postgres, Import = new ImportOptions { ColumnMap = Map },
                Postgres = new PostgresOptions { Connection = runs.Servers.Coordinator, Schema = schema, Table = $"{schema}.shop_orders" },
            });

            Assert.Equal(lines.Count, table.Cleaning.LinesLoaded);
            Assert.Equal(File.ReadAllLines(Path.Combine(directory.File("duckdb"), "customers.csv")).Select(Compared),
                File.ReadAllLines(Path.Combine(directory.File("postgres"), "customers.csv")).Select(Compared));
            Assert.Equal(File.ReadAllText(Path.Combine(directory.File("duckdb"), "cleaning.csv")), File.ReadAllText(Path.Combine(directory.File("postgres"), "cleaning.csv")));
            // Read in place: no line, and no line outcome, is copied to the local store; the report's overview is the file's.
            using var duck = SegmentaStore.Open(Path.Combine(directory.File("duckdb"), "segmenta.duckdb"));
            using var store = SegmentaStore.Open(Path.Combine(directory.File("postgres"), "segmenta.duckdb"));
            Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM raw_lines"));
            Assert.False(store.HasTable("line_outcomes") || store.HasTable("clean_lines"));
            Assert.Equal(duck.Query(SqlScripts.Get("Reporting/overview.sql"), Row), store.Query(LineFacts.OverviewQuery(store), Row));
            Assert.Equal(LoadedAmounts.NoteFor(duck), LoadedAmounts.NoteFor(store));
        }
        finally
        {
            Execute($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        }
    }

    [SkippableFact]
    public void A_missing_table_is_named_in_the_error()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();

        var error = Assert.Throws<InvalidOptionException>(() => AnalysisPipeline.Run(new AnalysisOptions
        {
            OutputDirectory = directory.Path, Engine = Engine.Postgres,
            Postgres = new PostgresOptions { Connection = runs.Servers.Coordinator, Schema = "segmenta_test_missing", Table = "no_such_orders" },
        }));

        Assert.Equal("Postgres.Table", error.Property);
        Assert.Contains("no_such_orders", error.Message, StringComparison.Ordinal);
        Execute("DROP SCHEMA IF EXISTS segmenta_test_missing CASCADE");
    }

    private static string Row(System.Data.Common.DbDataReader r) =>
        string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));

    // The columns both engines write (segment names and CLV come from stages the PostgreSQL engine does not run yet).
    private static string Compared(string line) => string.Join(",", line.Split(',').Take(27));

    private void CreateTable(string schema, IEnumerable<string> lines)
    {
        Execute($"CREATE SCHEMA \"{schema}\"; CREATE TABLE \"{schema}\".shop_orders (order_no TEXT, sku TEXT, label TEXT, qty INTEGER, sold_at TIMESTAMP, each_price NUMERIC, client BIGINT, nation TEXT)");
        using var connection = new NpgsqlConnection(runs.Servers.Coordinator);
        connection.Open();
        using var writer = connection.BeginTextImport($"COPY \"{schema}\".shop_orders FROM STDIN (FORMAT CSV)");
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(runs.Servers.Coordinator);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
