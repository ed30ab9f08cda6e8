-- The two line tables of the PostgreSQL engine, with the columns and types of the DuckDB store's raw_lines
-- (Store/schema.sql) and clean_lines view (Cleaning/clean_lines.sql). {partitioning} is empty on one server and
-- "PARTITION BY HASH (customer_id)" on a cluster, where every partition is a foreign table on a shard
-- (Postgres/PostgresLayout.cs): a customer's lines then live on one shard, and Citus would distribute them by the same key.
DROP VIEW IF EXISTS lines_with_outcome;
DROP TABLE IF EXISTS raw_lines CASCADE;
CREATE TABLE raw_lines (
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
    category     TEXT
) {partitioning};

DROP TABLE IF EXISTS clean_lines CASCADE;
CREATE TABLE clean_lines (
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
) {partitioning};
