-- The two line tables of the PostgreSQL engine, with the columns and types of the DuckDB store's raw_lines
-- (Store/schema.sql) and clean_lines view (Cleaning/clean_lines.sql). {line_partitioning} and {customer_partitioning}
-- are empty on one server; on a cluster, where every partition is a foreign table on a shard (Postgres/PostgresLayout.cs),
-- they are "PARTITION BY HASH (distribution_key)" and "PARTITION BY HASH (customer_id)". {unlogged} is UNLOGGED on one
-- server and empty on a cluster's coordinator, whose partitioned tables hold no row (PostgresLayout.Unlogged).
DROP VIEW IF EXISTS lines_with_outcome;
DROP TABLE IF EXISTS raw_lines CASCADE;
CREATE {unlogged} TABLE raw_lines (
    import_id    INTEGER NOT NULL,
    line_number  BIGINT NOT NULL,
    invoice      TEXT,
    stock_code   TEXT,
    description  TEXT,
    quantity     NUMERIC(18,4),
    invoice_date TIMESTAMP NOT NULL,
    unit_price   NUMERIC(18,4),
    amount       NUMERIC(18,4),
    customer_id  TEXT,
    country      TEXT,
    category     TEXT,
    -- Where the line lives: its customer, else its invoice, else one of 64 groups of line numbers
    -- (PostgresSource.DistributionKey). A customer's raw lines hash like its clean lines (the same text, the same hash
    -- of text), so they live on one shard; the lines without a customer, which no rule compares with another, spread
    -- over the shards by invoice instead of all hashing to one (a NULL key's partition). Citus would distribute
    -- raw_lines by this column (never NULL, as Citus requires) and clean_lines by customer_id, co-located.
    distribution_key TEXT NOT NULL
) {line_partitioning};

DROP TABLE IF EXISTS clean_lines CASCADE;
CREATE {unlogged} TABLE clean_lines (
    import_id    INTEGER NOT NULL,
    line_number  BIGINT NOT NULL,
    order_id     TEXT,
    invoice      TEXT,
    stock_code   TEXT,
    description  TEXT,
    quantity     NUMERIC(18,4),
    invoice_date TIMESTAMP NOT NULL,
    unit_price   NUMERIC(18,4),
    amount       NUMERIC(18,4),
    customer_id  TEXT,
    country      TEXT,
    -- The month of invoice_date, stored: date_trunc('month', ...) takes a text argument, and postgres_fdw ships no
    -- function whose collation does not come from a column, so grouping by it would pull the lines off the shards.
    invoice_month DATE
) {customer_partitioning};
