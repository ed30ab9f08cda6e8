-- The lifetime summary and the repeat purchases per day brought back from the server, appended here and then turned
-- into the temp tables Lifetime/customer_summary.sql and tracking.sql make (lifetime_summary_from_staging.sql).
CREATE OR REPLACE TABLE postgres_lifetime_summary (customer_id VARCHAR, x BIGINT, t_x DOUBLE, t DOUBLE, spend_purchases BIGINT,
    spend_mean DOUBLE, holdout_purchases BIGINT, first_day DATE);
CREATE OR REPLACE TABLE postgres_lifetime_repeat (day DATE, purchases BIGINT);
