-- One row per customer with purchasing behaviour, from clean_lines (kept purchases), returns (matched
-- cancellations) and customer_cancellations. Variable as_of (DATE): the day recency and tenure are measured to.
CREATE OR REPLACE TABLE customer_features AS
WITH purchases AS (
    SELECT customer_id,
           count(DISTINCT order_id) AS frequency,
           sum(amount) AS gross_revenue,
           min(invoice_date) AS first_purchase,
           max(invoice_date) AS last_purchase,
           sum(quantity) AS items_bought,
           count(DISTINCT stock_code) AS distinct_products
    FROM clean_lines
    GROUP BY customer_id
),
returned AS (
    SELECT customer_id, count(*) AS returns_count, sum(value) AS returns_value
    FROM returns
    GROUP BY customer_id
),
purchase_days AS (
    SELECT DISTINCT customer_id, CAST(invoice_date AS DATE) AS day FROM clean_lines
),
gaps AS (
    SELECT customer_id, date_diff('day', lag(day) OVER (PARTITION BY customer_id ORDER BY day), day) AS gap
    FROM purchase_days
),
gap_stats AS (
    SELECT customer_id, avg(gap) AS mean_gap, median(gap) AS median_gap
    FROM gaps
    WHERE gap IS NOT NULL
    GROUP BY customer_id
),
monthly AS (
    SELECT customer_id, date_trunc('month', invoice_date)::DATE AS month, sum(amount) AS spend
    FROM clean_lines
    GROUP BY ALL
),
month_grid AS (
    -- Every month from the customer's first purchase to the last month before as-of, bought in or not.
    SELECT customer_id, CAST(unnest(generate_series(
               date_trunc('month', first_purchase), date_trunc('month', getvariable('as_of') - INTERVAL 1 DAY), INTERVAL 1 MONTH)) AS DATE) AS month
    FROM purchases
),
trend AS (
    SELECT g.customer_id,
           count(*) AS months,
           regr_slope(coalesce(m.spend, 0), date_diff('month', DATE '2000-01-01', g.month)) AS spend_trend
    FROM month_grid g
    LEFT JOIN monthly m USING (customer_id, month)
    GROUP BY g.customer_id
),
orders AS (
    SELECT customer_id, order_id, min(invoice_date) AS ordered_at FROM clean_lines GROUP BY ALL
),
weekday AS (
    SELECT customer_id,
           first(dayname(ordered_at) ORDER BY n DESC, isodow(ordered_at)) AS favourite_weekday
    FROM (SELECT customer_id, ordered_at, count(*) OVER (PARTITION BY customer_id, isodow(ordered_at)) AS n FROM orders)
    GROUP BY customer_id
),
hour AS (
    SELECT customer_id,
           first(hour(ordered_at) ORDER BY n DESC, hour(ordered_at)) AS favourite_hour
    FROM (SELECT customer_id, ordered_at, count(*) OVER (PARTITION BY customer_id, hour(ordered_at)) AS n FROM orders)
    GROUP BY customer_id
),
country AS (
    SELECT customer_id, first(country ORDER BY revenue DESC, country) AS main_country
    FROM (SELECT customer_id, country, sum(amount) AS revenue FROM clean_lines WHERE country IS NOT NULL GROUP BY ALL)
    GROUP BY customer_id
)
SELECT
    p.customer_id,
    date_diff('day', CAST(p.last_purchase AS DATE), getvariable('as_of')) AS recency,
    p.frequency,
    p.gross_revenue - coalesce(r.returns_value, 0) AS monetary,
    CAST(p.first_purchase AS DATE) AS first_purchase,
    CAST(p.last_purchase AS DATE) AS last_purchase,
    date_diff('day', CAST(p.first_purchase AS DATE), getvariable('as_of')) AS tenure_days,
    (p.gross_revenue - coalesce(r.returns_value, 0)) / p.frequency AS average_order_value,
    g.mean_gap AS mean_days_between_purchases,
    g.median_gap AS median_days_between_purchases,
    p.items_bought,
    p.distinct_products,
    coalesce(r.returns_count, 0) AS returns_count,
    coalesce(r.returns_value, 0) AS returns_value,
    coalesce(r.returns_value, 0) / nullif(p.gross_revenue, 0) AS return_rate,
    coalesce(c.cancelled_orders, 0) / (p.frequency + coalesce(c.cancelled_orders, 0)) AS cancellation_rate,
    (p.gross_revenue - coalesce(r.returns_value, 0)) / greatest(t.months, 1) AS average_monthly_spend,
    t.spend_trend,
    w.favourite_weekday,
    h.favourite_hour,
    k.main_country
FROM purchases p
LEFT JOIN returned r USING (customer_id)
LEFT JOIN gap_stats g USING (customer_id)
LEFT JOIN trend t USING (customer_id)
LEFT JOIN weekday w USING (customer_id)
LEFT JOIN hour h USING (customer_id)
LEFT JOIN country k USING (customer_id)
LEFT JOIN customer_cancellations c USING (customer_id);
