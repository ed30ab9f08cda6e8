-- PostgreSQL variant of cleaning_report.sql: shares computed in numeric (PostgreSQL divides integers as integers and
-- rounds only numeric to places), GROUP BY named, NOT EXISTS / EXISTS for DuckDB's ANTI / SEMI JOIN.
DROP TABLE IF EXISTS cleaning_report;
CREATE TABLE cleaning_report AS
WITH loaded AS (
    SELECT count(*) AS lines, sum(amount) AS revenue, count(amount) = count(*) AS amounts_known FROM lines_with_outcome
),
outcomes AS (
    SELECT coalesce(rule, 'kept') AS rule, count(*) AS lines, sum(amount) AS revenue
    FROM lines_with_outcome
    GROUP BY coalesce(rule, 'kept')
)
SELECT r.step, r.rule, r.description,
       coalesce(o.lines, 0) AS lines,
       CASE WHEN l.amounts_known THEN round(coalesce(o.revenue, 0), 2)::numeric(38,2) END AS revenue,
       round(coalesce(o.lines, 0)::numeric / nullif(l.lines, 0), 6)::double precision AS line_share,
       round((coalesce(o.revenue, 0)::double precision / nullif(l.revenue, 0)::double precision)::numeric, 6)::double precision AS revenue_share
FROM cleaning_rules r
CROSS JOIN loaded l
LEFT JOIN outcomes o USING (rule)
ORDER BY r.step;

DROP TABLE IF EXISTS cleaning_money;
CREATE TABLE cleaning_money AS
WITH buyers AS (
    SELECT customer_id, sum(amount) AS sales, bool_and(amount = 0) AS all_free FROM clean_lines GROUP BY customer_id
)
SELECT
    (SELECT coalesce(sum(sales), 0) FROM buyers)::numeric(38,4) AS sales_of_kept_lines,
    (SELECT coalesce(sum(value), 0) FROM returns)::numeric(38,4) AS returns,
    (SELECT coalesce(sum(value), 0) FROM refunds f WHERE EXISTS (SELECT 1 FROM buyers b WHERE b.customer_id = f.customer_id))::numeric(38,4) AS refunds,
    (SELECT coalesce(sum(value), 0) FROM refunds f WHERE NOT EXISTS (SELECT 1 FROM buyers b WHERE b.customer_id = f.customer_id))::numeric(38,4) AS refunds_without_purchase,
    (SELECT count(*) FROM refunds f WHERE NOT EXISTS (SELECT 1 FROM buyers b WHERE b.customer_id = f.customer_id)) AS refund_lines_without_purchase,
    (SELECT count(*) FROM buyers WHERE all_free) AS free_only_customers;
