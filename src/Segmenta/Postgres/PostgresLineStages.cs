using NpgsqlTypes;
using Segmenta.Categories;
using Segmenta.Lifetime;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// The product categories, the segment profiles and the lifetime summary on PostgreSQL: what they read from the lines
/// runs where the lines are (on one server, or on every shard of a cluster in parallel, over its own customers' lines),
/// the shards' sums are regrouped on the coordinator, and only aggregates come back: one row per product (its most
/// frequent description and category value, categorised in C# with the vocabulary), then the category table, each
/// segment's spend per category and its top products, and one row per customer (and per day) for the lifetime models.
/// The products' categories and the segment memberships are sent to where the lines are (the same small tables on
/// every shard). The tables are those of a DuckDB run, to the byte.
/// </summary>
internal sealed class PostgresLineStages(PostgresOptions postgres, string schema) : ICategoryLines, ILifetimeLines
{
    public (DateTime? First, DateTime? Last) PurchaseDates()
    {
        using var coordinator = Coordinator();
        var parts = PostgresLayout.EachPart(coordinator, "clean_lines", "SELECT min(invoice_date) AS first_date, max(invoice_date) AS last_date FROM {table}");
        return coordinator.Query($"SELECT min(first_date), max(last_date) FROM ({parts}) parts",
            r => (r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0), r.IsDBNull(1) ? (DateTime?)null : r.GetDateTime(1)))[0];
    }

    public void Summarise(SegmentaStore store, DateOnly calibrationEnd, DateOnly observationEnd, double unitDays)
    {
        var (rows, repeats) = SqlLifetime.SummarizeWhereTheLinesAre(postgres, schema, calibrationEnd, observationEnd, unitDays);
        store.Execute(SqlScripts.Get("Postgres/lifetime_summary_staging.sql"));
        using (var appender = store.Connection.CreateAppender("postgres_lifetime_summary"))
        {
            foreach (var r in rows)
            {
                appender.CreateRow().AppendValue(r.CustomerId).AppendValue(r.X).AppendValue(r.Tx).AppendValue(r.T).AppendValue(r.SpendPurchases)
                    .AppendValue(r.SpendMean).AppendValue(r.HoldoutPurchases).AppendValue(r.FirstDay).EndRow();
            }
        }
        using (var appender = store.Connection.CreateAppender("postgres_lifetime_repeat"))
        {
            foreach (var (day, purchases) in repeats)
            {
                appender.CreateRow().AppendValue(day).AppendValue(purchases).EndRow();
            }
        }
        // The temp tables of Lifetime/customer_summary.sql and tracking.sql, with their columns and types.
        store.Execute(
            """
            CREATE OR REPLACE TEMP TABLE lifetime_summary AS
            SELECT customer_id, x, t_x, t, spend_purchases, spend_mean, holdout_purchases FROM main.postgres_lifetime_summary ORDER BY customer_id;
            CREATE OR REPLACE TEMP TABLE lifetime_tracking_first AS SELECT first_day AS day, customer_id FROM main.postgres_lifetime_summary;
            CREATE OR REPLACE TEMP TABLE lifetime_tracking_repeat AS SELECT day, purchases FROM main.postgres_lifetime_repeat;
            DROP TABLE main.postgres_lifetime_summary;
            DROP TABLE main.postgres_lifetime_repeat;
            """);
    }

    public bool HasCategoryColumn()
    {
        using var coordinator = Coordinator();
        return coordinator.Scalar<bool>("SELECT EXISTS (SELECT 1 FROM raw_lines WHERE category IS NOT NULL AND trim(category) <> '')");
    }

    public bool HasDescriptions()
    {
        using var coordinator = Coordinator();
        return coordinator.Scalar<bool>("SELECT EXISTS (SELECT 1 FROM clean_lines WHERE description IS NOT NULL AND trim(description) <> '')");
    }

    public IReadOnlyList<(string Product, string? Description, string? Category)> ProductTexts(bool useColumn)
    {
        using var coordinator = Coordinator();
        WhereTheLinesAre(coordinator, database =>
        {
            database.Execute($"SET segmenta.use_column = '{(useColumn ? "true" : "false")}'");
            database.Execute(SqlScripts.Get("Postgres/category_text_parts.sql"));
        });
        return coordinator.Query(SqlScripts.Get("Postgres/product_descriptions.sql"),
            r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
    }

    public void Summarise(SegmentaStore store, IReadOnlyList<ProductCategory> products)
    {
        using var coordinator = Coordinator();
        SendProducts(coordinator, products);
        WhereTheLinesAre(coordinator, database =>
        {
            if (!ReferenceEquals(database, coordinator))
            {
                SendProducts(database, products);
            }
            database.Execute(SqlScripts.Get("Postgres/category_sum_parts.sql"));
        });
        coordinator.Execute(SqlScripts.Get("Postgres/category_summary.sql"));
        BringBack(coordinator, store, "category_summary", "revenue DESC, category COLLATE \"C\"");
    }

    public void Preferences(SegmentaStore store)
    {
        using var coordinator = Coordinator();
        WhereTheLinesAre(coordinator, database => database.Execute(SqlScripts.Get("Postgres/segment_category_parts.sql")));
        coordinator.Execute(SqlScripts.Get("Postgres/segment_category_preferences.sql"));
        BringBack(coordinator, store, "segment_category_preferences", "segmentation COLLATE \"C\", segment_id, category COLLATE \"C\"");
    }

    /// <summary>
    /// Makes the store's segment_top_products: the memberships of every segmentation (as profiling reads them) go to
    /// where the lines are as profiled_memberships, which the category preferences then read too.
    /// </summary>
    internal void TopProducts(SegmentaStore store)
    {
        var memberships = store.Query("SELECT segmentation, customer_id, segment_id FROM customer_segments ORDER BY segmentation, customer_id",
            r => (Segmentation: r.GetString(0), Customer: r.GetString(1), Segment: r.GetInt32(2)));
        using var coordinator = Coordinator();
        WhereTheLinesAre(coordinator, database =>
        {
            database.Execute(SqlScripts.Get("Postgres/profiled_memberships.sql"));
            using (var writer = database.Connection.BeginBinaryImport("COPY profiled_memberships FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (segmentation, customer, segment) in memberships)
                {
                    writer.StartRow();
                    writer.Write(segmentation, NpgsqlDbType.Text);
                    writer.Write(customer, NpgsqlDbType.Text);
                    writer.Write(segment, NpgsqlDbType.Integer);
                }
                writer.Complete();
            }
            database.Execute("ANALYZE profiled_memberships");
            database.Execute(SqlScripts.Get("Postgres/segment_product_parts.sql"));
        });
        coordinator.Execute(SqlScripts.Get("Postgres/segment_top_products.sql"));
        BringBack(coordinator, store, "segment_top_products", "segmentation COLLATE \"C\", segment_id, rank_by_revenue");
    }

    /// <summary>A connection of its own to the coordinator (the steps run on concurrent branches), planning per partition.</summary>
    internal PostgresDatabase Coordinator()
    {
        var database = PostgresDatabase.Open(postgres.Connection, schema);
        PostgresLayout.PlanPerPartition(database);
        return database;
    }

    /// <summary>Runs <paramref name="work"/> on the coordinator of one server, or on every shard in parallel (each in its schema of the cluster).</summary>
    internal void WhereTheLinesAre(PostgresDatabase coordinator, Action<PostgresDatabase> work)
    {
        if (postgres.Shards.Count == 0)
        {
            work(coordinator);
            return;
        }
        Parallel.For(0, postgres.Shards.Count, new ParallelOptions { MaxDegreeOfParallelism = postgres.Shards.Count }, i =>
        {
            using var shard = PostgresDatabase.Open(postgres.Shards[i], PostgresLayout.ShardSchema(schema, i));
            work(shard);
        });
    }

    /// <summary>Replaces the server's product_categories with <paramref name="products"/> (one row per product).</summary>
    private static void SendProducts(PostgresDatabase database, IReadOnlyList<ProductCategory> products)
    {
        database.Execute(SqlScripts.Get("Postgres/server_product_categories.sql"));
        using (var writer = database.Connection.BeginBinaryImport("COPY product_categories FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in products)
            {
                writer.StartRow();
                writer.Write(p.Product, NpgsqlDbType.Text);
                if (p.Description is null)
                {
                    writer.WriteNull();
                }
                else
                {
                    writer.Write(p.Description, NpgsqlDbType.Text);
                }
                writer.Write(p.Category, NpgsqlDbType.Text);
                writer.Write(p.Matched, NpgsqlDbType.Text);
            }
            writer.Complete();
        }
        database.Execute("ANALYZE product_categories");
    }

    /// <summary>Replaces the store's <paramref name="table"/> (DuckDB's types: Postgres/local_line_stage_tables.sql) with the server's rows.</summary>
    private static void BringBack(PostgresDatabase database, SegmentaStore store, string table, string orderBy)
    {
        var create = SqlScripts.Get("Postgres/local_line_stage_tables.sql").Split(';')
            .Single(s => s.Contains($"CREATE OR REPLACE TABLE {table} (", StringComparison.Ordinal));
        store.Execute(create[create.IndexOf("CREATE", StringComparison.Ordinal)..]);
        PostgresResults.Copy(database, store, table, orderBy);
    }
}
