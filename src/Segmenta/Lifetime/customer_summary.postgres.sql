-- PostgreSQL variant of customer_summary.sql (see it for the why of each step): the buy-till-you-die summary
-- (x, t_x, T) and spend per customer, computed where the lines are so that only one row per customer leaves the server.
-- Settings (SET segmenta.x): calibration_end, observation_end (dates), unit_days (1 or 7). Dialect differences:
-- current_setting for getvariable, date subtraction for date_diff, named GROUP BY, DROP + CREATE for CREATE OR REPLACE.
-- Days are whole numbers of days divided by the same double as in DuckDB, so t_x and T are the same doubles.
-- The mean spend leaves as its exact sum (spend_sum, NUMERIC) over spend_purchases: DuckDB's avg of a DECIMAL divides
-- in long double and narrows to a double, which Postgres/DuckDbAverage.cs reproduces from the two (PostgreSQL's
-- avg(numeric)::float8 rounds to a decimal first and could differ in the last bit). first_day (the cohort's first
-- purchase) and lifetime_tracking_repeat (repeat purchases per day) are the tracking chart's inputs (tracking.sql).
DROP TABLE IF EXISTS lifetime_days;
CREATE TEMP TABLE lifetime_days AS
WITH purchase_lines AS (
    SELECT customer_id, invoice_date::date AS day, amount::numeric(18,4) AS amount
    FROM clean_lines
    UNION ALL
    SELECT customer_id, invoice_date::date, 0::numeric(18,4)
    FROM lines_with_outcome
    WHERE rule = 'non_positive_price' AND amount = 0 AND coalesce(quantity, 1) > 0 AND customer_id IS NOT NULL
),
returned AS (
    SELECT customer_id, purchase_date::date AS day, sum(value::numeric(18,4)) AS value
    FROM returns
    WHERE invoice_date::date <= current_setting('segmenta.calibration_end')::date
    GROUP BY customer_id, purchase_date::date
),
days AS (
    SELECT customer_id, day, sum(amount) AS gross
    FROM purchase_lines
    WHERE day <= current_setting('segmenta.observation_end')::date
    GROUP BY customer_id, day
)
SELECT d.customer_id, d.day, d.gross - coalesce(r.value, 0) AS net,
       row_number() OVER (PARTITION BY d.customer_id ORDER BY d.day) AS n
FROM days d
LEFT JOIN returned r ON r.customer_id = d.customer_id AND r.day = d.day;

DROP TABLE IF EXISTS lifetime_summary;
CREATE TEMP TABLE lifetime_summary AS
SELECT customer_id,
       count(*) FILTER (WHERE day <= current_setting('segmenta.calibration_end')::date) - 1 AS x,
       (max(day) FILTER (WHERE day <= current_setting('segmenta.calibration_end')::date) - min(day))::double precision
           / current_setting('segmenta.unit_days')::double precision AS t_x,
       (current_setting('segmenta.calibration_end')::date - min(day))::double precision / current_setting('segmenta.unit_days')::double precision AS t,
       count(*) FILTER (WHERE day <= current_setting('segmenta.calibration_end')::date AND n > 1 AND net > 0) AS spend_purchases,
       coalesce(sum(net) FILTER (WHERE day <= current_setting('segmenta.calibration_end')::date AND n > 1 AND net > 0), 0) AS spend_sum,
       count(*) FILTER (WHERE day > current_setting('segmenta.calibration_end')::date) AS holdout_purchases,
       min(day) AS first_day
FROM lifetime_days
GROUP BY customer_id
HAVING min(day) <= current_setting('segmenta.calibration_end')::date;

DROP TABLE IF EXISTS lifetime_tracking_repeat;
CREATE TEMP TABLE lifetime_tracking_repeat AS
SELECT day, count(*) AS purchases
FROM lifetime_days
WHERE n > 1 AND customer_id IN (SELECT customer_id FROM lifetime_summary)
GROUP BY day;
