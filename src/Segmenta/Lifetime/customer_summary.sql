-- The buy-till-you-die summary: one row per customer whose first purchase is on or before calibration_end.
-- Variables: calibration_end, observation_end (DATE, both inclusive; equal when there is no holdout),
-- unit_days (DOUBLE: 1 for days, 7 for weeks).
-- A purchase is a customer-day (same-day orders merged). Purchase lines worth 0 that cleaning set aside still make a
-- purchase for the counting models; the spend model uses repeat purchases whose net value (returns of that day's
-- purchases, made by calibration_end, subtracted) is positive.
-- lifetime_days keeps the purchase days (n = 1 the first) for the tracking chart (tracking.sql).
CREATE OR REPLACE TEMP TABLE lifetime_days AS
WITH purchase_lines AS (
    -- Money stays DECIMAL until the end: double sums depend on the order of the lines, and the fits must not.
    -- The kept lines (rule NULL: clean_lines) and the zero-priced ones, in one read of the lines (the amount of the
    -- latter is 0 by the filter).
    SELECT customer_id, CAST(invoice_date AS DATE) AS day, CAST(amount AS DECIMAL(18, 4)) AS amount
    FROM lines_with_outcome
    WHERE rule IS NULL
       OR (rule = 'non_positive_price' AND amount = 0 AND coalesce(quantity, 1) > 0 AND customer_id IS NOT NULL)
),
returned AS (
    SELECT customer_id, CAST(purchase_date AS DATE) AS day, sum(CAST(value AS DECIMAL(18, 4))) AS value
    FROM returns
    WHERE CAST(invoice_date AS DATE) <= getvariable('calibration_end')
    GROUP BY ALL
),
days AS (
    SELECT customer_id, day, sum(amount) AS gross
    FROM purchase_lines
    WHERE day <= getvariable('observation_end')
    GROUP BY ALL
),
valued AS (
    SELECT d.customer_id, d.day, d.gross - coalesce(r.value, 0) AS net,
           row_number() OVER (PARTITION BY d.customer_id ORDER BY d.day) AS n
    FROM days d
    LEFT JOIN returned r USING (customer_id, day)
)
SELECT * FROM valued;

CREATE OR REPLACE TEMP TABLE lifetime_summary AS
SELECT customer_id,
       count(*) FILTER (WHERE day <= getvariable('calibration_end')) - 1 AS x,
       date_diff('day', min(day), max(day) FILTER (WHERE day <= getvariable('calibration_end'))) / getvariable('unit_days') AS t_x,
       date_diff('day', min(day), getvariable('calibration_end')) / getvariable('unit_days') AS t,
       count(*) FILTER (WHERE day <= getvariable('calibration_end') AND n > 1 AND net > 0) AS spend_purchases,
       CAST(coalesce(avg(net) FILTER (WHERE day <= getvariable('calibration_end') AND n > 1 AND net > 0), 0) AS DOUBLE) AS spend_mean,
       count(*) FILTER (WHERE day > getvariable('calibration_end')) AS holdout_purchases
FROM lifetime_days
GROUP BY customer_id
HAVING min(day) <= getvariable('calibration_end')
ORDER BY customer_id;
