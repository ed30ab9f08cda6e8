-- The cleaning's tables on a cluster's coordinator. Every shard cleans its own lines (Postgres/PostgresCleaner.cs), so
-- what the cleaning produces lives on the shards: returns, refunds and customer_cancellations are hash-partitioned by
-- customer id like the lines (one foreign partition per shard, added by Postgres/PostgresLayout.cs), so the features
-- join and aggregate them per shard; line_outcomes and the report's totals, which have no customer, are the union of
-- the shards' tables (views over foreign tables, created there too). Columns and types are those the shards' CREATE
-- TABLE AS give (Cleaning/clean_lines.postgres.sql, Postgres/cleaning_totals.sql).
DROP TABLE IF EXISTS returns CASCADE;
CREATE TABLE returns (
    import_id INTEGER, line_number BIGINT, customer_id TEXT, order_id TEXT, stock_code TEXT, description TEXT,
    quantity NUMERIC(18,4), invoice_date TIMESTAMP, value NUMERIC(18,4), purchase_import_id INTEGER, purchase_line_number BIGINT,
    purchase_date TIMESTAMP, rule TEXT
) PARTITION BY HASH (customer_id);
DROP TABLE IF EXISTS refunds CASCADE;
CREATE TABLE refunds (
    import_id INTEGER, line_number BIGINT, customer_id TEXT, order_id TEXT, stock_code TEXT, description TEXT,
    invoice_date TIMESTAMP, value NUMERIC(18,4)
) PARTITION BY HASH (customer_id);
DROP TABLE IF EXISTS customer_cancellations CASCADE;
CREATE TABLE customer_cancellations (customer_id TEXT, cancelled_orders BIGINT) PARTITION BY HASH (customer_id);
