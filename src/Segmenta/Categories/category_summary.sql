-- out/exploration/categories.csv: per category, its products, kept lines, units and revenue (gross: the sum of kept
-- purchase lines, as the other exploration tables), distinct customers, and the returns of its products counted as in
-- exploration_top_products (matched returns with the default preset; every cancelled unit with the classic one), with
-- net revenue = revenue - returned value. Category revenues add up to the kept lines' revenue exactly (DECIMAL).
-- Run with the joins planned as written (Store/WrittenJoinOrder): the lines probe a hash table of the product
-- categories. DuckDB 1.5 estimates the views over the lines (a POSITIONAL JOIN) at 0 rows and would otherwise build its
-- hash tables on the lines (decision 59).
-- Whether returns were matched: a line with outcome 'return' exists. Read from line_outcomes alone, which stops at the
-- first one, not through lines_with_outcome, which reads every column of every line.
SET VARIABLE returns_matched = EXISTS (SELECT 1 FROM line_outcomes WHERE rule = 'return');
-- customer_category_spend: the kept lines per customer and category (lines, units, gross spend), which the category
-- summary sums here and segment_category_preferences.sql and the customer page read instead of the lines again.
CREATE OR REPLACE TABLE customer_category_spend AS
SELECT l.customer_id, p.category, count(*) AS lines, sum(l.quantity) AS quantity, sum(l.amount) AS spend
FROM clean_lines l
JOIN product_categories p ON p.product = coalesce(l.stock_code, nullif(trim(l.description), ''), '')
GROUP BY p.category, l.customer_id;

CREATE OR REPLACE TABLE category_summary AS
WITH sold AS (
    -- One row per customer and category: the distinct customers are the rows with a customer.
    SELECT category, sum(lines) AS lines, coalesce(sum(quantity), 0) AS quantity, sum(spend) AS revenue,
           count(customer_id) AS customers
    FROM customer_category_spend
    GROUP BY category
),
returned AS (
    SELECT coalesce(p.category, 'other') AS category,
           -sum(coalesce(l.quantity, 0)) AS returned_quantity,
           -sum(l.amount) AS returned_value
    FROM lines_with_outcome l
    LEFT JOIN product_categories p ON p.product = coalesce(l.stock_code, nullif(trim(l.description), ''), '')
    WHERE (CASE WHEN getvariable('returns_matched') THEN l.rule = 'return' ELSE l.rule IN ('cancelled_invoice', 'non_positive_quantity') END)
      AND coalesce(l.quantity, l.amount) < 0
    GROUP BY ALL
),
products AS (
    SELECT category, count(*) AS products FROM product_categories GROUP BY category
)
SELECT s.category,
       p.products::BIGINT AS products,
       s.lines::BIGINT AS lines,
       s.quantity::DECIMAL(18,4) AS quantity,
       s.revenue::DECIMAL(18,4) AS revenue,
       s.customers::BIGINT AS customers,
       coalesce(r.returned_quantity, 0)::DECIMAL(18,4) AS returned_quantity,
       coalesce(r.returned_value, 0)::DECIMAL(18,4) AS returned_value,
       (s.revenue - coalesce(r.returned_value, 0))::DECIMAL(18,4) AS net_revenue,
       (s.revenue / nullif(sum(s.revenue) OVER (), 0))::DOUBLE AS revenue_share
FROM sold s
JOIN products p USING (category)
LEFT JOIN returned r USING (category)
ORDER BY s.revenue DESC, s.category;
