-- The line-level outcome of a PostgreSQL cleaning, brought back into the local DuckDB store with the types the DuckDB
-- engine gives them (Cleaning/clean_lines.sql, Cleaning/ReturnMatcher.cs), so the stages that still read lines
-- (exploration, categories, lifetime value, profiles, recommendations, the report) find the views lines_with_outcome
-- and clean_lines of Cleaning/clean_lines.sql over the local raw_lines. line_outcomes is one narrow row per line
-- (its key and rule), in raw_lines order for the POSITIONAL JOIN of those views.
DROP VIEW IF EXISTS clean_lines;
DROP VIEW IF EXISTS lines_with_outcome;
CREATE OR REPLACE TABLE line_outcomes (import_id INTEGER, line_number BIGINT, rule VARCHAR);
CREATE OR REPLACE TABLE returns (
    import_id INTEGER, line_number BIGINT, customer_id VARCHAR, order_id VARCHAR, stock_code VARCHAR, description VARCHAR,
    quantity DECIMAL(18,4), invoice_date TIMESTAMP, value DECIMAL(18,4), purchase_import_id INTEGER, purchase_line_number BIGINT,
    purchase_date TIMESTAMP, rule VARCHAR
);
CREATE OR REPLACE TABLE refunds (
    import_id INTEGER, line_number BIGINT, customer_id VARCHAR, order_id VARCHAR, stock_code VARCHAR, description VARCHAR,
    invoice_date TIMESTAMP, value DECIMAL(18,4)
);
CREATE OR REPLACE TABLE customer_cancellations (customer_id VARCHAR, cancelled_orders BIGINT);
