using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Segmenta.Cleaning;
using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// The cleaning stage on PostgreSQL: the same rules, return matching and report as <see cref="Cleaner"/>, with the
/// PostgreSQL variants of its SQL (chosen by <see cref="SqlDialect"/>). Only the cancellations and the purchases they
/// may reverse leave the server (for the running allocation of <see cref="ReturnMatcher"/>); the report comes back.
/// </summary>
internal static class PostgresCleaner
{
    /// <summary>
    /// Cleans the server's lines. On a cluster (<paramref name="postgres"/> with shards) every shard cleans its own
    /// partition with the same SQL, in parallel: all the rules that compare lines (duplicates, return matching) compare
    /// lines of one customer, and a customer's lines live on one shard; lines without a customer are set aside by the
    /// first rule (missing_customer) and take part in no comparison, so they may live on any shard (they are spread by
    /// invoice: <see cref="PostgresSource.DistributionKey"/>). Only the report's totals and each line's rule reach the
    /// coordinator.
    /// </summary>
    internal static CleaningReport Run(PostgresDatabase database, CleaningOptions options, long linesQuarantined, string? amountNote, PostgresOptions postgres)
    {
        options.Validate();
        (long WithoutInvoice, long Lines) counts;
        if (postgres.Shards.Count == 0)
        {
            counts = CleanLines(database, options);
        }
        else
        {
            var perShard = new (long, long)[postgres.Shards.Count];
            Parallel.For(0, postgres.Shards.Count, new ParallelOptions { MaxDegreeOfParallelism = postgres.Shards.Count }, i =>
            {
                using var shard = PostgresDatabase.Open(postgres.Shards[i], PostgresLayout.ShardSchema(database.Schema, i));
                perShard[i] = CleanLines(shard, options);
            });
            counts = (perShard.Sum(c => c.Item1), perShard.Sum(c => c.Item2));
        }
        var evidence = Cleaner.DuplicateEvidence(options, counts.WithoutInvoice, counts.Lines);
        database.Execute("DROP TABLE IF EXISTS cleaning_rules; CREATE TEMP TABLE cleaning_rules (step INTEGER, rule TEXT, description TEXT)");
        var step = 1;
        foreach (var (rule, description) in CleaningRules.For(options.Preset))
        {
            database.Execute("INSERT INTO cleaning_rules VALUES (@s, @r, @d)",
                ("s", step++), ("r", rule), ("d", rule == "duplicate" ? $"{description} {evidence}" : description));
        }
        database.Execute(SqlDialect.Postgres.Script("Cleaning/cleaning_report.sql"));
        var rows = database.Query(CleaningRow.Query, CleaningRow.Read);
        var money = database.Query(CleaningMoney.Query, CleaningMoney.Read)[0];
        return new CleaningReport(options.Preset, rows, linesQuarantined, money, evidence) { AmountNote = amountNote };
    }

    /// <summary>
    /// The rules, return matching and clean lines of the raw_lines <paramref name="database"/> holds (a server's, or a
    /// shard's partition), with the report's totals; returns the lines without an invoice and all lines, for the
    /// duplicate rule's evidence.
    /// </summary>
    private static (long WithoutInvoice, long Lines) CleanLines(PostgresDatabase database, CleaningOptions options)
    {
        var dialect = SqlDialect.Postgres;
        var classic = options.Preset == CleaningPreset.Classic;
        database.Execute($"SET segmenta.preset = '{(classic ? "classic" : "default")}'");
        database.Execute($"SET segmenta.duplicates = '{options.Duplicates.ToString().ToLowerInvariant()}'");
        database.Execute($"SET segmenta.extreme_quantity = '{options.ExtremeQuantity.ToString("R", CultureInfo.InvariantCulture)}'");
        FillPatterns(database, "non_product_codes", classic ? [] : options.NonProductCodes);
        FillPatterns(database, "refund_codes", classic ? [] : options.RefundCodes);
        var counts = database.Query("SELECT count(*) FILTER (WHERE invoice IS NULL), count(*) FROM raw_lines", r => (r.GetInt64(0), r.GetInt64(1)))[0];
        database.Execute(dialect.Script("Cleaning/line_rules.sql"));
        MatchReturns(database);
        database.Execute(dialect.Script("Cleaning/clean_lines.sql"));
        database.Execute(SqlScripts.Get("Postgres/cleaning_totals.sql"));
        return counts;
    }

    /// <summary>Null when every line on the server has an amount; else the note of <see cref="LoadedAmounts"/>.</summary>
    internal static string? AmountNote(PostgresDatabase database)
    {
        var parts = PostgresLayout.EachPart(database, "raw_lines", "SELECT count(*) FILTER (WHERE amount IS NULL) AS missing, count(*) AS total FROM {table}");
        var (missing, total) = database.Query($"SELECT sum(missing)::bigint, sum(total)::bigint FROM ({parts}) counts", r => (r.GetInt64(0), r.GetInt64(1)))[0];
        return missing == 0 ? null
            : missing == total ? LoadedAmounts.Note
            : string.Create(CultureInfo.InvariantCulture, $"{missing:N0} of {total:N0} lines have no amount: money-based analyses skipped.");
    }

    private static void MatchReturns(PostgresDatabase database)
    {
        var cancellations = database.Query(ReturnMatcher.CancellationsQuery, ReturnMatcher.ReadLine);
        var purchases = database.Query(ReturnMatcher.PurchasesQuery, ReturnMatcher.ReadLine);
        var (allocations, outcomes) = ReturnMatcher.Match(cancellations, purchases);
        database.Execute(
            """
            DROP TABLE IF EXISTS return_allocations;
            CREATE TEMP TABLE return_allocations (import_id INTEGER, line_number BIGINT, purchase_import_id INTEGER, purchase_line_number BIGINT,
                units NUMERIC(18,4), value NUMERIC(18,4));
            DROP TABLE IF EXISTS return_outcomes;
            CREATE TEMP TABLE return_outcomes (import_id INTEGER, line_number BIGINT, rule TEXT);
            """);
        using (var writer = database.Connection.BeginBinaryImport("COPY return_allocations FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in allocations)
            {
                writer.StartRow();
                writer.Write(a.ImportId, NpgsqlDbType.Integer);
                writer.Write(a.LineNumber, NpgsqlDbType.Bigint);
                writer.Write(a.PurchaseImportId, NpgsqlDbType.Integer);
                writer.Write(a.PurchaseLineNumber, NpgsqlDbType.Bigint);
                writer.Write(a.Units, NpgsqlDbType.Numeric);
                WriteNullable(writer, a.Value);
            }
            writer.Complete();
        }
        using (var writer = database.Connection.BeginBinaryImport("COPY return_outcomes FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var o in outcomes)
            {
                writer.StartRow();
                writer.Write(o.ImportId, NpgsqlDbType.Integer);
                writer.Write(o.LineNumber, NpgsqlDbType.Bigint);
                writer.Write(o.Rule, NpgsqlDbType.Text);
            }
            writer.Complete();
        }
        database.Execute("ANALYZE return_allocations; ANALYZE return_outcomes");
    }

    private static void WriteNullable(NpgsqlBinaryImporter writer, decimal? value)
    {
        if (value is { } v)
        {
            writer.Write(v, NpgsqlDbType.Numeric);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static void FillPatterns(PostgresDatabase database, string table, IReadOnlyList<string> patterns)
    {
        database.Execute($"DROP TABLE IF EXISTS {table}; CREATE TEMP TABLE {table} (pattern TEXT)");
        foreach (var pattern in patterns)
        {
            database.Execute($"INSERT INTO {table} VALUES (@p)", ("p", pattern));
        }
    }
}
