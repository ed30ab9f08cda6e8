-- The customer-level results of a PostgreSQL run, brought back into the local DuckDB store with the types the DuckDB
-- engine gives them (Features/customer_features.sql, Features/rfm_scores.sql, Cleaning/cleaning_report.sql), so the
-- later stages (segmentation, outputs, run log) read them as they read a DuckDB run's.
CREATE OR REPLACE TABLE customers (
    customer_id VARCHAR, recency BIGINT, frequency BIGINT, monetary DOUBLE, first_purchase DATE, last_purchase DATE,
    tenure_days BIGINT, average_order_value DOUBLE, mean_days_between_purchases DOUBLE, median_days_between_purchases DOUBLE,
    items_bought DOUBLE, distinct_products BIGINT, returns_count BIGINT, returns_value DOUBLE, refunds_value DOUBLE,
    return_rate DOUBLE, cancellation_rate DOUBLE, average_monthly_spend DOUBLE, spend_trend DOUBLE,
    favourite_weekday VARCHAR, favourite_hour BIGINT, main_country VARCHAR,
    r_score INTEGER, f_score INTEGER, m_score INTEGER, rfm_segment VARCHAR
);
CREATE OR REPLACE TABLE cleaning_report (
    step INTEGER, rule VARCHAR, description VARCHAR, lines BIGINT, revenue DECIMAL(38,2), line_share DOUBLE, revenue_share DOUBLE
);
CREATE OR REPLACE TABLE cleaning_money (
    sales_of_kept_lines DECIMAL(38,4), returns DECIMAL(38,4), refunds DECIMAL(38,4), refunds_without_purchase DECIMAL(38,4),
    refund_lines_without_purchase BIGINT, free_only_customers BIGINT
);
