-- The recommending stage's tables for the dashboard and API; rebuilt by each run.
CREATE OR REPLACE TABLE recommendations (
    customer_id VARCHAR NOT NULL, rank INTEGER NOT NULL, stock_code VARCHAR NOT NULL, description VARCHAR,
    score DOUBLE NOT NULL, method VARCHAR NOT NULL, reason VARCHAR NOT NULL, kind VARCHAR NOT NULL);
CREATE OR REPLACE TABLE recommendation_evaluation (
    method VARCHAR NOT NULL, setting VARCHAR NOT NULL, customers INTEGER NOT NULL, k INTEGER NOT NULL,
    precision DOUBLE, precision_low DOUBLE, precision_high DOUBLE,
    recall DOUBLE, recall_low DOUBLE, recall_high DOUBLE,
    map DOUBLE, map_low DOUBLE, map_high DOUBLE,
    ndcg DOUBLE, ndcg_low DOUBLE, ndcg_high DOUBLE,
    hit_rate DOUBLE, hit_rate_low DOUBLE, hit_rate_high DOUBLE,
    coverage DOUBLE, is_default BOOLEAN NOT NULL, cutoff DATE NOT NULL,
    -- customers eligible for the evaluation; more than customers when a sample of them was evaluated
    eligible_customers INTEGER NOT NULL);
CREATE OR REPLACE TABLE product_associations (
    stock_code VARCHAR NOT NULL, description VARCHAR, rank INTEGER NOT NULL, other_stock_code VARCHAR NOT NULL,
    other_description VARCHAR, orders INTEGER NOT NULL, support DOUBLE NOT NULL, confidence DOUBLE NOT NULL, lift DOUBLE NOT NULL);
-- The effective options of the run that wrote these tables, so that a re-run (the dashboard's refresh) repeats them.
CREATE OR REPLACE TABLE recommendation_options (
    top INTEGER NOT NULL, cutoff DATE, mode VARCHAR NOT NULL, method VARCHAR, seed INTEGER NOT NULL, bootstrap_resamples INTEGER NOT NULL,
    evaluation_customers INTEGER NOT NULL);
-- What ranked the new picks (the discovery model or a popularity list) and the held-out comparison that chose it,
-- once for the evaluation (scope Evaluation, before the cut) and once for the lists (scope Lists, before the last day).
CREATE OR REPLACE TABLE recommendation_new_picks (
    scope VARCHAR NOT NULL, reference_day DATE NOT NULL, validation_day DATE, ranked_by VARCHAR NOT NULL, basis VARCHAR NOT NULL,
    compared_with VARCHAR, customers INTEGER NOT NULL, k INTEGER NOT NULL, model_precision DOUBLE, global_popularity_precision DOUBLE,
    recent_popularity_precision DOUBLE, difference DOUBLE, difference_low DOUBLE, difference_high DOUBLE, resamples INTEGER NOT NULL);
