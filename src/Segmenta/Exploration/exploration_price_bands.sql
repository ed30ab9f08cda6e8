-- The distribution of unit prices over kept lines, in fixed bands [lower, upper): lines, units, revenue, products.
CREATE OR REPLACE TABLE exploration_price_bands AS
WITH bands(band, lower, upper) AS (
    VALUES (1, 0.0, 0.5), (2, 0.5, 1.0), (3, 1.0, 2.0), (4, 2.0, 3.0), (5, 3.0, 5.0), (6, 5.0, 10.0),
           (7, 10.0, 20.0), (8, 20.0, 50.0), (9, 50.0, 100.0), (10, 100.0, NULL)
),
lines AS (
    SELECT CASE
               WHEN unit_price < 0.5 THEN 1 WHEN unit_price < 1 THEN 2 WHEN unit_price < 2 THEN 3
               WHEN unit_price < 3 THEN 4 WHEN unit_price < 5 THEN 5 WHEN unit_price < 10 THEN 6
               WHEN unit_price < 20 THEN 7 WHEN unit_price < 50 THEN 8 WHEN unit_price < 100 THEN 9 ELSE 10
           END AS band,
           sum(lines) AS lines, sum(quantity) AS quantity, sum(revenue) AS revenue, count(DISTINCT stock_code) AS products
    FROM exploration_price_points
    GROUP BY ALL
),
total AS (
    SELECT sum(lines) AS lines, sum(revenue) AS revenue FROM lines
)
SELECT b.band::INTEGER AS band,
       b.lower::DOUBLE AS lower_price,
       b.upper::DOUBLE AS upper_price,
       coalesce(l.lines, 0)::BIGINT AS lines,
       coalesce(l.quantity, 0)::DOUBLE AS quantity,
       coalesce(l.revenue, 0)::DOUBLE AS revenue,
       coalesce(l.products, 0)::BIGINT AS products,
       coalesce(l.lines / nullif(t.lines, 0), 0)::DOUBLE AS line_share,
       coalesce(l.revenue / nullif(t.revenue, 0), 0)::DOUBLE AS revenue_share
FROM bands b
CROSS JOIN total t
LEFT JOIN lines l USING (band)
ORDER BY b.band;
