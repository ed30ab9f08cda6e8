-- The categories' and profiles' tables computed on PostgreSQL (Postgres/category_summary.sql,
-- segment_category_preferences.sql, segment_top_products.sql), brought back into the local store with the types
-- DuckDB's own scripts give them (Categories/category_summary.sql, Categories/segment_category_preferences.sql,
-- segment_top_products in Profiling/segment_profiles.sql), so the report, the dashboard and the outputs read them as
-- they read a DuckDB run's. Each statement is run alone, just before its table comes back.
CREATE OR REPLACE TABLE category_summary (
    category VARCHAR, products BIGINT, lines BIGINT, quantity DECIMAL(18,4), revenue DECIMAL(18,4), customers BIGINT,
    returned_quantity DECIMAL(18,4), returned_value DECIMAL(18,4), net_revenue DECIMAL(18,4), revenue_share DOUBLE
);
CREATE OR REPLACE TABLE segment_category_preferences (
    segmentation VARCHAR, segment_id INTEGER, category VARCHAR, buyers BIGINT, spend DECIMAL(18,4), segment_spend DECIMAL(18,4),
    share DOUBLE, overall_share DOUBLE, spend_index DOUBLE, top_buyer_spend DECIMAL(18,4), robust_index DOUBLE
);
CREATE OR REPLACE TABLE segment_top_products (
    segmentation VARCHAR, segment_id INTEGER, stock_code VARCHAR, description VARCHAR, units DOUBLE, revenue DOUBLE, buyers BIGINT,
    rank_by_units BIGINT, rank_by_revenue BIGINT
);
