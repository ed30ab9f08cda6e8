-- The top products by units sold, revenue, distinct customers and units returned (variable top_products = N per list).
-- A product is a stock code; its description is its name, chosen once by the cleaning (product_names, rule in
-- Cleaning/product_names.sql and docs/exploration.md, "Product"); a product on no kept purchase line (only
-- returned, say) has none. Returned units: when cleaning
-- matched returns to purchases (default preset), the units of matched returns (rule return), which can never exceed
-- the units bought in the data, so the return rate (returned / sold) is at most 100 %; cancellations of purchases
-- made before the data starts are not a product's return rate. Without matching (classic preset: cancelled_invoice,
-- non_positive_quantity), every cancelled unit, and the rate is left empty since it cannot be tied to units sold.
-- Whether returns were matched: a line with outcome 'return' exists (line_outcomes alone, which stops at the first one).
SET VARIABLE returns_matched = EXISTS (SELECT 1 FROM line_outcomes WHERE rule = 'return');
CREATE OR REPLACE TABLE exploration_top_products AS
WITH returned AS (
    SELECT stock_code,
           -sum(coalesce(quantity, 0)) AS returned_quantity,
           count(*) AS returned_lines,
           -sum(amount) AS returned_value
    FROM lines_with_outcome
    WHERE (CASE WHEN getvariable('returns_matched') THEN rule = 'return' ELSE rule IN ('cancelled_invoice', 'non_positive_quantity') END)
      AND coalesce(quantity, amount) < 0 AND stock_code IS NOT NULL
    GROUP BY stock_code
),
products AS (
    SELECT stock_code,
           coalesce(p.quantity, 0) AS quantity,
           coalesce(p.revenue, 0) AS revenue,
           coalesce(p.customers, 0) AS customers,
           coalesce(p.lines, 0) AS lines,
           coalesce(r.returned_quantity, 0) AS returned_quantity,
           coalesce(r.returned_lines, 0) AS returned_lines,
           coalesce(r.returned_value, 0) AS returned_value
    FROM exploration_product_stats p
    FULL JOIN returned r USING (stock_code)
),
ranked AS (
    SELECT *,
           row_number() OVER (ORDER BY quantity DESC, stock_code) AS by_quantity,
           row_number() OVER (ORDER BY revenue DESC, stock_code) AS by_revenue,
           row_number() OVER (ORDER BY customers DESC, stock_code) AS by_customers,
           row_number() OVER (ORDER BY returned_quantity DESC, stock_code) AS by_returns
    FROM products
),
lists AS (
    SELECT 'quantity' AS ranking, by_quantity AS rank, * FROM ranked WHERE by_quantity <= getvariable('top_products')
    UNION ALL
    SELECT 'revenue', by_revenue, * FROM ranked WHERE by_revenue <= getvariable('top_products')
    UNION ALL
    SELECT 'customers', by_customers, * FROM ranked WHERE by_customers <= getvariable('top_products')
    UNION ALL
    SELECT 'returns', by_returns, * FROM ranked WHERE by_returns <= getvariable('top_products') AND returned_quantity > 0
)
SELECT l.ranking,
       l.rank::INTEGER AS rank,
       l.stock_code,
       d.description,
       l.quantity::DOUBLE AS quantity,
       l.revenue::DOUBLE AS revenue,
       l.customers::BIGINT AS customers,
       l.lines::BIGINT AS lines,
       l.returned_quantity::DOUBLE AS returned_quantity,
       l.returned_lines::BIGINT AS returned_lines,
       l.returned_value::DOUBLE AS returned_value,
       CASE WHEN getvariable('returns_matched') THEN (l.returned_quantity / nullif(l.quantity, 0))::DOUBLE END AS return_rate
FROM lists l
LEFT JOIN product_names d USING (stock_code)
ORDER BY CASE l.ranking WHEN 'quantity' THEN 1 WHEN 'revenue' THEN 2 WHEN 'customers' THEN 3 ELSE 4 END, l.rank;
