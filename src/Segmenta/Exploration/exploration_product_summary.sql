-- One row: how many products sold, how concentrated their revenue is (long tail: the revenue share of the top 10%
-- of products by revenue, rounded up to whole products) and the unit price over kept lines: mean, maximum and
-- quantiles with linear interpolation between lines (as quantile_cont over the lines), computed from the lines
-- per price in exploration_price_points.
CREATE OR REPLACE TABLE exploration_product_summary AS
WITH ranked AS (
    SELECT revenue, row_number() OVER (ORDER BY revenue DESC, stock_code) AS rank, count(*) OVER () AS products
    FROM exploration_product_stats
),
concentration AS (
    SELECT coalesce(max(products), 0) AS products,
           ceil(coalesce(max(products), 0) * 0.1) AS top_products,
           sum(revenue) FILTER (WHERE rank <= ceil(products * 0.1)) / nullif(sum(revenue), 0) AS top_10pct_revenue_share,
           sum(revenue) FILTER (WHERE rank <= ceil(products * 0.2)) / nullif(sum(revenue), 0) AS top_20pct_revenue_share
    FROM ranked
),
prices AS (
    SELECT unit_price, sum(lines) AS lines FROM exploration_price_points GROUP BY unit_price
),
positions AS (
    -- Lines in price order: this price covers 0-based positions [first_position, next_position).
    SELECT unit_price, sum(lines) OVER (ORDER BY unit_price) - lines AS first_position, sum(lines) OVER (ORDER BY unit_price) AS next_position
    FROM prices
),
wanted AS (
    SELECT q.p, (t.n - 1) * q.p AS h
    FROM unnest([0.05, 0.25, 0.5, 0.75, 0.95]) q(p)
    CROSS JOIN (SELECT sum(lines) AS n FROM prices) t
    WHERE t.n > 0
),
quantiles AS (
    SELECT w.p, lo.unit_price + (w.h - floor(w.h)) * (hi.unit_price - lo.unit_price) AS value
    FROM wanted w
    JOIN positions lo ON floor(w.h) >= lo.first_position AND floor(w.h) < lo.next_position
    JOIN positions hi ON ceil(w.h) >= hi.first_position AND ceil(w.h) < hi.next_position
),
price_stats AS (
    SELECT sum(unit_price * lines) / nullif(sum(lines), 0) AS mean_price, max(unit_price) AS max_price FROM prices
)
SELECT c.products::BIGINT AS products,
       c.top_products::BIGINT AS top_10pct_products,
       c.top_10pct_revenue_share::DOUBLE AS top_10pct_revenue_share,
       c.top_20pct_revenue_share::DOUBLE AS top_20pct_revenue_share,
       s.mean_price::DOUBLE AS mean_unit_price,
       (SELECT value FROM quantiles WHERE p = 0.05)::DOUBLE AS unit_price_p05,
       (SELECT value FROM quantiles WHERE p = 0.25)::DOUBLE AS unit_price_p25,
       (SELECT value FROM quantiles WHERE p = 0.5)::DOUBLE AS unit_price_median,
       (SELECT value FROM quantiles WHERE p = 0.75)::DOUBLE AS unit_price_p75,
       (SELECT value FROM quantiles WHERE p = 0.95)::DOUBLE AS unit_price_p95,
       s.max_price::DOUBLE AS unit_price_max
FROM concentration c
CROSS JOIN price_stats s;
