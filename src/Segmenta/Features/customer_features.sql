-- One row per customer with purchasing behaviour, from clean_lines (kept purchases), returns (matched cancellations),
-- refunds (credit notes and manual adjustments) and customer_cancellations. Variable as_of (DATE): the day recency
-- and tenure are measured to; amounts_known (BOOLEAN): false when lines have no amount (a file of customer and date), and
-- then every money column is NULL (unknown, not 0) while frequency, recency, tenure and the rest are computed.
--
-- Money is summed in DECIMAL, so every sum is exact and the same in any order of lines; each money column is
-- converted to DOUBLE once, at the end, for the customer-level math in C#. An exact 0 becomes +0.0, never -0.0.
-- Monthly features use complete months only: the month of as_of - 1 day is partial unless as_of is the 1st.
CREATE OR REPLACE TABLE customer_features AS
WITH period AS (
    -- The last month observed in full; a month after it is partial (its last days are not in the data yet).
    SELECT (date_trunc('month', getvariable('as_of')) - INTERVAL 1 MONTH)::DATE AS last_complete_month
),
-- The kept lines are read twice: grouped per customer, order, day and country (about one row per order; every
-- per-customer figure below except the distinct products is computed from these groups, exactly: sums of DECIMAL
-- partial sums, min of mins), and for the distinct products. Reading them once per figure hashed the lines' strings
-- five times (the distinct orders, the purchase days, the months, the orders' first line, the countries).
order_days AS MATERIALIZED (
    SELECT customer_id, order_id, CAST(invoice_date AS DATE) AS day, country,
           sum(amount) AS amount, sum(quantity) AS quantity, min(invoice_date) AS first_at, max(invoice_date) AS last_at
    FROM clean_lines
    GROUP BY customer_id, order_id, CAST(invoice_date AS DATE), country
),
purchases AS (
    SELECT customer_id,
           count(DISTINCT order_id) AS frequency,
           CASE WHEN getvariable('amounts_known') THEN sum(amount) END AS gross_sales,
           min(first_at) AS first_purchase,
           max(last_at) AS last_purchase,
           sum(quantity) AS items_bought
    FROM order_days
    GROUP BY customer_id
),
products AS (
    SELECT customer_id, count(DISTINCT stock_code) AS distinct_products FROM clean_lines GROUP BY customer_id
),
returned AS (
    SELECT customer_id, count(DISTINCT (import_id, line_number)) AS returns_count, sum(value) AS returns_value
    FROM returns
    GROUP BY customer_id
),
refunded AS (
    SELECT customer_id, sum(value) AS refunds_value FROM refunds GROUP BY customer_id
),
purchase_days AS (
    SELECT DISTINCT customer_id, day FROM order_days
),
gaps AS (
    SELECT customer_id, date_diff('day', lag(day) OVER (PARTITION BY customer_id ORDER BY day), day) AS gap
    FROM purchase_days
),
gap_stats AS (
    SELECT customer_id, sum(gap) / count(gap) AS mean_gap, median(gap) AS median_gap
    FROM gaps
    WHERE gap IS NOT NULL
    GROUP BY customer_id
),
-- Net spend by calendar month: sales of kept lines, minus returns and refunds in the month they happened.
movements AS (
    SELECT customer_id, day AS invoice_date, amount FROM order_days
    UNION ALL SELECT customer_id, invoice_date, -value FROM returns
    UNION ALL SELECT customer_id, invoice_date, -value FROM refunds
),
monthly AS (
    SELECT customer_id, date_trunc('month', invoice_date)::DATE AS month, sum(amount) AS spend
    FROM movements
    WHERE getvariable('amounts_known')
    GROUP BY ALL
),
-- Every complete month from the customer's first purchase month on, bought in or not (spend 0).
month_grid AS (
    SELECT p.customer_id, date_trunc('month', p.first_purchase)::DATE AS first_month,
           CAST(unnest(generate_series(date_trunc('month', p.first_purchase), period.last_complete_month, INTERVAL 1 MONTH)) AS DATE) AS month
    FROM purchases p CROSS JOIN period
),
months AS (
    SELECT g.customer_id, g.month, g.month = g.first_month AS is_first,
           CASE WHEN getvariable('amounts_known') THEN coalesce(m.spend, 0) END AS spend,
           date_diff('month', g.first_month, g.month) AS x
    FROM month_grid g
    LEFT JOIN monthly m USING (customer_id, month)
),
-- Average over the complete months (first month included); trend over the complete months after the first one:
-- the first month is the month the customer was selected by buying, so starting the series there would make every
-- customer who does not come back "declining" by construction. Least squares with exact sums:
-- slope = (n Σxy - Σx Σy) / (n Σx² - (Σx)²), at least 2 months.
monthly_stats AS (
    SELECT customer_id,
           count(*) AS months,
           sum(spend) AS spend,
           count(*) FILTER (WHERE NOT is_first) AS trend_months,
           sum(x * spend) FILTER (WHERE NOT is_first) AS sxy,
           sum(spend) FILTER (WHERE NOT is_first) AS sy,
           sum(x) FILTER (WHERE NOT is_first) AS sx,
           sum(x * x) FILTER (WHERE NOT is_first) AS sxx
    FROM months
    GROUP BY customer_id
),
orders AS (
    SELECT customer_id, order_id, min(first_at) AS ordered_at FROM order_days GROUP BY ALL
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
    FROM (SELECT customer_id, country, sum(amount) AS revenue FROM order_days WHERE country IS NOT NULL GROUP BY ALL)
    GROUP BY customer_id
),
exact AS (
    SELECT p.*, d.distinct_products,
           coalesce(r.returns_count, 0) AS returns_count,
           CASE WHEN getvariable('amounts_known') THEN coalesce(r.returns_value, 0) END AS returns_value,
           CASE WHEN getvariable('amounts_known') THEN coalesce(f.refunds_value, 0) END AS refunds_value,
           p.gross_sales - coalesce(r.returns_value, 0) - coalesce(f.refunds_value, 0) AS net_sales,
           s.months, s.spend AS complete_month_spend,
           CASE WHEN s.trend_months >= 2 THEN s.trend_months * s.sxy - s.sx * s.sy END AS trend_numerator,
           CASE WHEN s.trend_months >= 2 THEN s.trend_months * s.sxx - s.sx * s.sx END AS trend_denominator
    FROM purchases p
    LEFT JOIN products d USING (customer_id)
    LEFT JOIN returned r USING (customer_id)
    LEFT JOIN refunded f USING (customer_id)
    LEFT JOIN monthly_stats s USING (customer_id)
)
SELECT
    e.customer_id,
    date_diff('day', CAST(e.last_purchase AS DATE), getvariable('as_of')) AS recency,
    e.frequency,
    e.net_sales::DOUBLE AS monetary,
    CAST(e.first_purchase AS DATE) AS first_purchase,
    CAST(e.last_purchase AS DATE) AS last_purchase,
    date_diff('day', CAST(e.first_purchase AS DATE), getvariable('as_of')) AS tenure_days,
    (e.net_sales / e.frequency)::DOUBLE AS average_order_value,
    g.mean_gap::DOUBLE AS mean_days_between_purchases,
    g.median_gap AS median_days_between_purchases,
    e.items_bought::DOUBLE AS items_bought,
    e.distinct_products,
    e.returns_count,
    e.returns_value::DOUBLE AS returns_value,
    e.refunds_value::DOUBLE AS refunds_value,
    (e.returns_value / nullif(e.gross_sales, 0))::DOUBLE AS return_rate,
    coalesce(c.cancelled_orders, 0) / (e.frequency + coalesce(c.cancelled_orders, 0)) AS cancellation_rate,
    (e.complete_month_spend / nullif(e.months, 0))::DOUBLE AS average_monthly_spend,
    (e.trend_numerator::DOUBLE / e.trend_denominator::DOUBLE) AS spend_trend,
    w.favourite_weekday,
    h.favourite_hour,
    k.main_country
FROM exact e
LEFT JOIN gap_stats g USING (customer_id)
LEFT JOIN weekday w USING (customer_id)
LEFT JOIN hour h USING (customer_id)
LEFT JOIN country k USING (customer_id)
LEFT JOIN customer_cancellations c USING (customer_id);
