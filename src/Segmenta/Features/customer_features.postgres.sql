-- PostgreSQL variant of customer_features.sql: the same features, values equal to the last bit. Dialect differences:
-- current_setting('segmenta.as_of' / 'segmenta.amounts_known') for getvariable; date subtraction for date_diff;
-- percentile_cont for median; (array_agg(... ORDER BY ...))[1] for first(... ORDER BY ...); to_char / extract for
-- dayname / isodow / hour; explicit float8 division where DuckDB's / divides integers and decimals as doubles;
-- date_trunc on timestamps (on a date PostgreSQL would return a timestamp with time zone).
-- Every per-customer aggregate over clean_lines groups by customer_id alone, so on a cluster hash-partitioned by
-- customer it runs on the shards (partitionwise aggregation).
DROP TABLE IF EXISTS customer_features CASCADE;
CREATE TABLE customer_features AS
WITH settings AS (
    SELECT current_setting('segmenta.as_of')::date AS as_of, current_setting('segmenta.amounts_known')::boolean AS amounts_known
),
period AS (
    SELECT (date_trunc('month', as_of::timestamp) - INTERVAL '1 month')::date AS last_complete_month FROM settings
),
purchase_totals AS (
    SELECT customer_id,
           count(DISTINCT order_id) AS frequency,
           sum(amount) AS sales,
           min(invoice_date) AS first_purchase,
           max(invoice_date) AS last_purchase,
           sum(quantity) AS items_bought,
           count(DISTINCT stock_code) AS distinct_products
    FROM clean_lines
    GROUP BY customer_id
),
purchases AS (
    SELECT p.customer_id, p.frequency, CASE WHEN s.amounts_known THEN p.sales END AS gross_sales,
           p.first_purchase, p.last_purchase, p.items_bought, p.distinct_products
    FROM purchase_totals p CROSS JOIN settings s
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
    SELECT customer_id, CAST(invoice_date AS DATE) AS day FROM clean_lines GROUP BY customer_id, CAST(invoice_date AS DATE)
),
gaps AS (
    SELECT customer_id, day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap
    FROM purchase_days
),
gap_stats AS (
    SELECT customer_id, sum(gap)::double precision / count(gap)::double precision AS mean_gap,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median_gap
    FROM gaps
    WHERE gap IS NOT NULL
    GROUP BY customer_id
),
-- Net spend by month: each source summed by customer and month first, so the lines' sum is a per-customer aggregate
-- that runs on the shards; DECIMAL sums are exact, so summing the parts again gives DuckDB's one sum to the last place.
monthly AS (
    SELECT customer_id, month, sum(spend) AS spend
    FROM (
        SELECT customer_id, invoice_month AS month, sum(amount) AS spend FROM clean_lines GROUP BY customer_id, invoice_month
        UNION ALL SELECT customer_id, date_trunc('month', invoice_date)::date, sum(-value) FROM returns GROUP BY customer_id, date_trunc('month', invoice_date)::date
        UNION ALL SELECT customer_id, date_trunc('month', invoice_date)::date, sum(-value) FROM refunds GROUP BY customer_id, date_trunc('month', invoice_date)::date
    ) parts
    WHERE (SELECT amounts_known FROM settings)
    GROUP BY customer_id, month
),
month_grid AS (
    SELECT p.customer_id, date_trunc('month', p.first_purchase)::date AS first_month, g.month::date AS month
    FROM purchases p
    CROSS JOIN period
    CROSS JOIN LATERAL generate_series(date_trunc('month', p.first_purchase), period.last_complete_month::timestamp, INTERVAL '1 month') AS g(month)
),
months AS (
    SELECT g.customer_id, g.month, g.month = g.first_month AS is_first,
           CASE WHEN s.amounts_known THEN coalesce(m.spend, 0) END AS spend,
           ((extract(year FROM g.month) - extract(year FROM g.first_month)) * 12
            + extract(month FROM g.month) - extract(month FROM g.first_month))::bigint AS x
    FROM month_grid g
    CROSS JOIN settings s
    LEFT JOIN monthly m USING (customer_id, month)
),
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
    SELECT customer_id, order_id, min(invoice_date) AS ordered_at FROM clean_lines GROUP BY customer_id, order_id
),
weekday AS (
    SELECT customer_id,
           (array_agg(to_char(ordered_at, 'FMDay') ORDER BY n DESC, extract(isodow FROM ordered_at)))[1] AS favourite_weekday
    FROM (SELECT customer_id, ordered_at, count(*) OVER (PARTITION BY customer_id, extract(isodow FROM ordered_at)) AS n FROM orders) o
    GROUP BY customer_id
),
hour AS (
    SELECT customer_id,
           (array_agg(extract(hour FROM ordered_at)::bigint ORDER BY n DESC, extract(hour FROM ordered_at)))[1] AS favourite_hour
    FROM (SELECT customer_id, ordered_at, count(*) OVER (PARTITION BY customer_id, extract(hour FROM ordered_at)) AS n FROM orders) o
    GROUP BY customer_id
),
country AS (
    SELECT customer_id, (array_agg(country ORDER BY revenue DESC, country COLLATE "C"))[1] AS main_country
    FROM (SELECT customer_id, country, sum(amount) AS revenue FROM clean_lines WHERE country IS NOT NULL GROUP BY customer_id, country) c
    GROUP BY customer_id
),
exact AS (
    SELECT p.*,
           coalesce(r.returns_count, 0) AS returns_count,
           CASE WHEN st.amounts_known THEN coalesce(r.returns_value, 0) END AS returns_value,
           CASE WHEN st.amounts_known THEN coalesce(f.refunds_value, 0) END AS refunds_value,
           p.gross_sales - coalesce(r.returns_value, 0) - coalesce(f.refunds_value, 0) AS net_sales,
           s.months, s.spend AS complete_month_spend,
           CASE WHEN s.trend_months >= 2 THEN s.trend_months * s.sxy - s.sx * s.sy END AS trend_numerator,
           CASE WHEN s.trend_months >= 2 THEN s.trend_months * s.sxx - s.sx * s.sx END AS trend_denominator
    FROM purchases p
    CROSS JOIN settings st
    LEFT JOIN returned r USING (customer_id)
    LEFT JOIN refunded f USING (customer_id)
    LEFT JOIN monthly_stats s USING (customer_id)
)
SELECT
    e.customer_id,
    (st.as_of - CAST(e.last_purchase AS DATE))::bigint AS recency,
    e.frequency,
    e.net_sales::double precision AS monetary,
    CAST(e.first_purchase AS DATE) AS first_purchase,
    CAST(e.last_purchase AS DATE) AS last_purchase,
    (st.as_of - CAST(e.first_purchase AS DATE))::bigint AS tenure_days,
    (e.net_sales::double precision / e.frequency::double precision) AS average_order_value,
    g.mean_gap AS mean_days_between_purchases,
    g.median_gap AS median_days_between_purchases,
    e.items_bought::double precision AS items_bought,
    e.distinct_products,
    e.returns_count,
    e.returns_value::double precision AS returns_value,
    e.refunds_value::double precision AS refunds_value,
    (e.returns_value::double precision / nullif(e.gross_sales, 0)::double precision) AS return_rate,
    coalesce(c.cancelled_orders, 0)::double precision / (e.frequency + coalesce(c.cancelled_orders, 0))::double precision AS cancellation_rate,
    (e.complete_month_spend::double precision / nullif(e.months, 0)::double precision) AS average_monthly_spend,
    (e.trend_numerator::double precision / e.trend_denominator::double precision) AS spend_trend,
    w.favourite_weekday,
    h.favourite_hour,
    k.main_country
FROM exact e
CROSS JOIN settings st
LEFT JOIN gap_stats g USING (customer_id)
LEFT JOIN weekday w USING (customer_id)
LEFT JOIN hour h USING (customer_id)
LEFT JOIN country k USING (customer_id)
LEFT JOIN customer_cancellations c USING (customer_id);
