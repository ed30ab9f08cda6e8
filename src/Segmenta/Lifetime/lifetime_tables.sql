-- The lifetime stage's tables: its fits, holdout validation and per-customer predictions.
-- created empty by EnsureTables (so that outputs can always join them) and replaced by each run.
CREATE TABLE IF NOT EXISTS clv_fits (
    period          VARCHAR NOT NULL,   -- 'calibration' (before the holdout) or 'all'
    model           VARCHAR NOT NULL,   -- bgnbd, pareto-nbd, mbgnbd, gamma-gamma
    log_likelihood  DOUBLE,
    customers       BIGINT NOT NULL,
    unique_rows     INTEGER NOT NULL,
    converged       BOOLEAN NOT NULL,
    at_boundary     BOOLEAN NOT NULL,   -- maximum with a shape parameter at 0 (usable; no standard error there)
    iterations      INTEGER NOT NULL,
    starts          INTEGER NOT NULL,
    starts_agreeing INTEGER NOT NULL,
    chosen          BOOLEAN NOT NULL,   -- the fit the predictions use
    problem         VARCHAR
);
CREATE TABLE IF NOT EXISTS clv_parameters (
    period    VARCHAR NOT NULL,
    model     VARCHAR NOT NULL,
    parameter VARCHAR NOT NULL,
    ordinal   INTEGER NOT NULL,
    value     DOUBLE,
    std_error DOUBLE
);
CREATE TABLE IF NOT EXISTS clv_holdout (
    model               VARCHAR NOT NULL,
    frequency_group     VARCHAR NOT NULL,   -- '0'..'6', '7+', 'total'
    group_order         INTEGER NOT NULL,
    customers           BIGINT NOT NULL,
    actual_purchases    DOUBLE NOT NULL,
    predicted_purchases DOUBLE NOT NULL,
    baseline_purchases  DOUBLE NOT NULL,
    model_mae           DOUBLE NOT NULL,    -- of the median forecasts
    baseline_mae        DOUBLE NOT NULL,
    model_rmse          DOUBLE NOT NULL,    -- of the expected (mean) forecasts
    baseline_rmse       DOUBLE NOT NULL,
    model_mean_mae      DOUBLE NOT NULL,    -- absolute error of the expected (mean) forecasts
    baseline_mean_mae   DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS clv_churn_holdout (
    model       VARCHAR NOT NULL,
    ranking     VARCHAR NOT NULL,   -- 'model' (P(no purchase) over the holdout's length) or 'recency' (same tier sizes)
    tier        VARCHAR NOT NULL,   -- Low, Medium, High, total
    tier_order  INTEGER NOT NULL,
    customers   BIGINT NOT NULL,
    buyers      BIGINT NOT NULL,    -- customers with a purchase in the holdout
    auc         DOUBLE              -- on the total row: P(a non-buyer is ranked at higher risk than a buyer)
);
CREATE TABLE IF NOT EXISTS clv_settings (
    model            VARCHAR NOT NULL,
    choice_reason    VARCHAR NOT NULL,
    time_unit        VARCHAR NOT NULL,
    observation_end  DATE NOT NULL,
    calibration_end  DATE,
    discount_rate    DOUBLE NOT NULL,
    horizons         VARCHAR NOT NULL,     -- comma-separated days
    churn_horizon_days INTEGER NOT NULL,   -- the churn tier's horizon (ChurnRiskTiers)
    spend_frequency_correlation DOUBLE
);
CREATE TABLE IF NOT EXISTS customer_clv (
    customer_id    VARCHAR NOT NULL,
    p_alive        DOUBLE NOT NULL,
    expected_spend DOUBLE,                -- net spend per purchase
    p_no_purchase  DOUBLE NOT NULL,       -- probability of no purchase within clv_settings.churn_horizon_days
    churn_risk     VARCHAR NOT NULL,      -- Low, Medium, High: the tier of p_no_purchase (ChurnRiskTiers)
    repeat_purchases BIGINT NOT NULL,     -- x of the summary the prediction is based on
    days_since_last_purchase INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS clv_tracking (
    week                 INTEGER NOT NULL,   -- 1 = the week of the first purchase in the data
    week_end             DATE NOT NULL,
    actual_cumulative    DOUBLE NOT NULL,    -- repeat purchases of the cohort up to week_end
    predicted_cumulative DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS customer_clv_horizons (
    customer_id        VARCHAR NOT NULL,
    horizon_days       INTEGER NOT NULL,
    expected_purchases DOUBLE NOT NULL,
    clv                DOUBLE             -- discounted net spend within the horizon
);
