-- Revenue by ISO weekday (1 = Monday) and hour of the invoice time: all 7 x 24 cells, zeros where nothing sold.
CREATE OR REPLACE TABLE exploration_weekday_hour AS
WITH cells AS (
    SELECT isodow(invoice_date) AS weekday, hour(invoice_date) AS hour,
           sum(revenue) AS revenue, count(DISTINCT order_id) AS orders, sum(lines) AS lines
    FROM exploration_orders
    GROUP BY ALL
),
total AS (
    SELECT sum(revenue) AS revenue FROM cells
)
SELECT d.range::INTEGER AS weekday,
       ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][d.range] AS weekday_name,
       h.range::INTEGER AS hour,
       coalesce(c.revenue, 0)::DOUBLE AS revenue,
       coalesce(c.orders, 0)::BIGINT AS orders,
       coalesce(c.lines, 0)::BIGINT AS lines,
       coalesce(c.revenue / nullif(t.revenue, 0), 0)::DOUBLE AS revenue_share
FROM range(1, 8) d
CROSS JOIN range(0, 24) h
CROSS JOIN total t
LEFT JOIN cells c ON c.weekday = d.range AND c.hour = h.range
ORDER BY weekday, hour;
