-- Every customer's predictions under the chosen lifetime models, computed where its lines are (one server, or every
-- shard over its own customers; the coordinator's tables are the union of the shards'). Filled by
-- Postgres/PostgresLifetime.cs with Postgres/SqlLifetimeValue.cs over lifetime_customers: the columns and meaning of
-- the local customer_clv and customer_clv_horizons (Lifetime/lifetime_tables.sql), for every counting model (Pareto/NBD
-- since session 15); segmenta clv DB writes them again with its own fits. Logged: results other tools join, like customer_segments.
DROP TABLE IF EXISTS customer_lifetime;
CREATE TABLE customer_lifetime (
    customer_id    TEXT,
    p_alive        DOUBLE PRECISION,
    expected_spend DOUBLE PRECISION,   -- net spend per purchase (Gamma-Gamma); NULL without a usable spend model
    p_no_purchase  DOUBLE PRECISION,   -- probability of no purchase within the churn horizon
    churn_risk     TEXT                -- Low, Medium, High (Lifetime/ChurnRisk.cs)
);
DROP TABLE IF EXISTS customer_lifetime_horizons;
CREATE TABLE customer_lifetime_horizons (
    customer_id        TEXT,
    horizon_days       INTEGER,
    expected_purchases DOUBLE PRECISION,
    clv                DOUBLE PRECISION   -- discounted net spend within the horizon; NULL without expected spend
);
