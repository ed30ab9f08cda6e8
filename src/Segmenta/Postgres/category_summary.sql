-- PostgreSQL counterpart of Categories/category_summary.sql (see it for what each column is), on the coordinator over
-- the per-category sums of Postgres/category_sum_parts.sql (the shards' on a cluster). Sums of NUMERIC and counts are
-- exact in any order; whether returns were matched comes from the cleaning's per-rule totals; DuckDB divides DECIMALs
-- as doubles, so both sides are cast to double precision (the same IEEE division of the same two numbers).
DROP TABLE IF EXISTS category_summary;
CREATE TABLE category_summary AS
WITH matched AS (
    SELECT coalesce(sum(lines), 0) > 0 AS yes FROM cleaning_rule_totals WHERE rule = 'return'
),
sold AS (
    SELECT category, sum(lines) AS lines, coalesce(sum(quantity), 0) AS quantity, sum(revenue) AS revenue, sum(customers) AS customers
    FROM category_sold_parts
    GROUP BY category
),
returned AS (
    SELECT category, sum(returned_quantity) AS returned_quantity, sum(returned_value) AS returned_value
    FROM category_returned_parts
    WHERE matched = (SELECT yes FROM matched)
    GROUP BY category
),
products AS (
    SELECT category, count(*) AS products FROM product_categories GROUP BY category
)
SELECT s.category,
       p.products::bigint AS products,
       s.lines::bigint AS lines,
       s.quantity::numeric(18,4) AS quantity,
       s.revenue::numeric(18,4) AS revenue,
       s.customers::bigint AS customers,
       coalesce(r.returned_quantity, 0)::numeric(18,4) AS returned_quantity,
       coalesce(r.returned_value, 0)::numeric(18,4) AS returned_value,
       (s.revenue - coalesce(r.returned_value, 0))::numeric(18,4) AS net_revenue,
       s.revenue::double precision / nullif(sum(s.revenue) OVER (), 0)::double precision AS revenue_share
FROM sold s
JOIN products p USING (category)
LEFT JOIN returned r USING (category);
