-- PostgreSQL variant of exploration_top_products.sql (see it for what is counted and why), on the server's
-- exploration_product_stats (Postgres/exploration_inputs.sql), the per-product returns of Postgres/exploration_parts.sql
-- and the products' names of the server's product_names (Postgres/purchase_dimensions.sql), so no line leaves the
-- server. Dialect differences: current_setting for getvariable; whether returns were matched from the cleaning's
-- per-rule totals (a line with rule 'return' exists); DuckDB's "/" divides as doubles, so both sides are cast; strings
-- compared as bytes (COLLATE "C").
DROP TABLE IF EXISTS exploration_top_products;
CREATE TABLE exploration_top_products AS
WITH matched AS (
    SELECT coalesce(sum(lines), 0) > 0 AS yes FROM cleaning_rule_totals WHERE rule = 'return'
),
returned AS (
    SELECT stock_code, sum(returned_quantity) AS returned_quantity, sum(returned_lines) AS returned_lines, sum(returned_value) AS returned_value
    FROM exploration_returned_parts
    WHERE matched = (SELECT yes FROM matched)
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
           row_number() OVER (ORDER BY quantity DESC, stock_code COLLATE "C") AS by_quantity,
           row_number() OVER (ORDER BY revenue DESC, stock_code COLLATE "C") AS by_revenue,
           row_number() OVER (ORDER BY customers DESC, stock_code COLLATE "C") AS by_customers,
           row_number() OVER (ORDER BY returned_quantity DESC, stock_code COLLATE "C") AS by_returns
    FROM products
),
lists AS (
    SELECT 'quantity' AS ranking, by_quantity AS rank, * FROM ranked WHERE by_quantity <= current_setting('segmenta.top_products')::integer
    UNION ALL
    SELECT 'revenue', by_revenue, * FROM ranked WHERE by_revenue <= current_setting('segmenta.top_products')::integer
    UNION ALL
    SELECT 'customers', by_customers, * FROM ranked WHERE by_customers <= current_setting('segmenta.top_products')::integer
    UNION ALL
    SELECT 'returns', by_returns, * FROM ranked WHERE by_returns <= current_setting('segmenta.top_products')::integer AND returned_quantity > 0
)
SELECT l.ranking,
       l.rank::integer AS rank,
       l.stock_code,
       d.description,
       l.quantity::double precision AS quantity,
       l.revenue::double precision AS revenue,
       l.customers::bigint AS customers,
       l.lines::bigint AS lines,
       l.returned_quantity::double precision AS returned_quantity,
       l.returned_lines::bigint AS returned_lines,
       l.returned_value::double precision AS returned_value,
       CASE WHEN (SELECT yes FROM matched) THEN l.returned_quantity::double precision / nullif(l.quantity, 0)::double precision END AS return_rate
FROM lists l
LEFT JOIN product_names d USING (stock_code);
