-- The local store of a PostgreSQL run: the lines stay on the server, so the line-level tables a DuckDB cleaning leaves
-- (the line outcomes, the kept lines and the views over them, returns, refunds, cancellations) are dropped rather than left stale, and
-- the server's facts about the lines (Postgres/line_facts.sql) are kept in line_facts, one row, with DuckDB's types
-- (the types Reporting/overview.sql gives, the revenue still an exact decimal).
DROP VIEW IF EXISTS clean_lines;
DROP TABLE IF EXISTS kept_lines;
DROP VIEW IF EXISTS lines_with_outcome;
DROP TABLE IF EXISTS line_outcomes;
DROP TABLE IF EXISTS returns;
DROP TABLE IF EXISTS refunds;
DROP TABLE IF EXISTS customer_cancellations;
CREATE OR REPLACE TABLE line_facts (
    lines_loaded BIGINT, lines_without_amount BIGINT, kept_lines BIGINT, first_date TIMESTAMP, last_date TIMESTAMP,
    gross_revenue DECIMAL(38,4), orders BIGINT, customers BIGINT, products BIGINT, countries BIGINT, main_country VARCHAR
);
