-- The tracking chart's inputs, over the cohort of lifetime_summary (customers whose first purchase is on or before the
-- calibration end) and the purchase days of lifetime_days (both built by customer_summary.sql).
-- Result 1 (first_days): how many of the cohort's customers made their first purchase on each day.
-- Result 2 (repeat_days): the cohort's repeat purchases (purchase days after the first) on each day.
CREATE OR REPLACE TEMP TABLE lifetime_tracking_first AS
SELECT min(day) AS day, customer_id
FROM lifetime_days
WHERE customer_id IN (SELECT customer_id FROM lifetime_summary)
GROUP BY customer_id;

CREATE OR REPLACE TEMP TABLE lifetime_tracking_repeat AS
SELECT day, count(*) AS purchases
FROM lifetime_days
WHERE n > 1 AND customer_id IN (SELECT customer_id FROM lifetime_summary)
GROUP BY day;
