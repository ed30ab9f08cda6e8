-- One row: how many products sold, how concentrated their revenue is (long tail: the revenue share of the top 10%
-- of products by revenue, rounded up to whole products) and the unit price quantiles over kept lines.
CREATE OR REPLACE TABLE exploration_product_summary AS
WITH ranked AS (
    SELECT revenue, row_number() OVER (ORDER BY revenue DESC, stock_code) AS rank, count(*) OVER () AS products
    FROM exploration_product_stats
),
concentration AS (
    SELECT max(products) AS products,
           ceil(max(products) * 0.1) AS top_products,
           sum(revenue) FILTER (WHERE rank <= ceil(products * 0.1)) / nullif(sum(revenue), 0) AS top_10pct_revenue_share,
           sum(revenue) FILTER (WHERE rank <= ceil(products * 0.2)) / nullif(sum(revenue), 0) AS top_20pct_revenue_share
    FROM ranked
),
prices AS (
    SELECT quantile_cont(unit_price, [0.05, 0.25, 0.5, 0.75, 0.95]) AS q, avg(unit_price) AS mean_price, max(unit_price) AS max_price
    FROM exploration_lines
    WHERE unit_price IS NOT NULL
)
SELECT coalesce(c.products, 0)::BIGINT AS products,
       coalesce(c.top_products, 0)::BIGINT AS top_10pct_products,
       c.top_10pct_revenue_share::DOUBLE AS top_10pct_revenue_share,
       c.top_20pct_revenue_share::DOUBLE AS top_20pct_revenue_share,
       p.mean_price::DOUBLE AS mean_unit_price,
       p.q[1]::DOUBLE AS unit_price_p05,
       p.q[2]::DOUBLE AS unit_price_p25,
       p.q[3]::DOUBLE AS unit_price_median,
       p.q[4]::DOUBLE AS unit_price_p75,
       p.q[5]::DOUBLE AS unit_price_p95,
       p.max_price::DOUBLE AS unit_price_max
FROM concentration c
CROSS JOIN prices p;
