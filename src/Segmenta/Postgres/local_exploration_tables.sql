-- The exploration's inputs computed on PostgreSQL (Postgres/exploration_inputs.sql,
-- Exploration/exploration_top_products.postgres.sql), brought back into the local store with the types DuckDB's own
-- scripts give them (Exploration/exploration_orders.sql, exploration_product_stats.sql, exploration_price_points.sql,
-- exploration_top_products.sql), so the rest of the exploration runs on them as on a DuckDB run's.
CREATE OR REPLACE TABLE exploration_orders (
    order_id VARCHAR, invoice_date TIMESTAMP, customer_id VARCHAR, country VARCHAR, month DATE,
    revenue DECIMAL(38,4), quantity DECIMAL(38,4), lines BIGINT
);
CREATE OR REPLACE TABLE exploration_product_stats (
    stock_code VARCHAR, quantity DECIMAL(38,4), revenue DECIMAL(38,4), customers BIGINT, lines BIGINT
);
CREATE OR REPLACE TABLE exploration_price_points (
    unit_price DECIMAL(18,4), stock_code VARCHAR, lines BIGINT, quantity DECIMAL(38,4), revenue DECIMAL(38,4)
);
CREATE OR REPLACE TABLE exploration_top_products (
    ranking VARCHAR, rank INTEGER, stock_code VARCHAR, description VARCHAR, quantity DOUBLE, revenue DOUBLE, customers BIGINT,
    lines BIGINT, returned_quantity DOUBLE, returned_lines BIGINT, returned_value DOUBLE, return_rate DOUBLE
);
