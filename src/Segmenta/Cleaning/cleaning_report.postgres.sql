-- PostgreSQL variant of cleaning_report.sql: shares computed in numeric (PostgreSQL divides integers as integers and
-- rounds only numeric to places), GROUP BY named. The lines are counted and summed per outcome by
-- Postgres/cleaning_totals.sql where they live (once on one server, on every shard of a cluster, whose rows are added
-- up here), so the report reads totals, not lines.
DROP TABLE IF EXISTS cleaning_report;
CREATE TABLE cleaning_report AS
WITH outcomes AS (
    SELECT rule, sum(lines) AS lines, sum(revenue) AS revenue, sum(amount_lines) AS amount_lines
    FROM cleaning_rule_totals
    GROUP BY rule
),
loaded AS (
    SELECT sum(lines) AS lines, sum(revenue) AS revenue, sum(amount_lines) = sum(lines) AS amounts_known FROM outcomes
)
SELECT r.step, r.rule, r.description,
       coalesce(o.lines, 0)::bigint AS lines,
       CASE WHEN l.amounts_known THEN round(coalesce(o.revenue, 0), 2)::numeric(38,2) END AS revenue,
       round(coalesce(o.lines, 0)::numeric / nullif(l.lines, 0), 6)::double precision AS line_share,
       round((coalesce(o.revenue, 0)::double precision / nullif(l.revenue, 0)::double precision)::numeric, 6)::double precision AS revenue_share
FROM cleaning_rules r
CROSS JOIN loaded l
LEFT JOIN outcomes o USING (rule)
ORDER BY r.step;

DROP TABLE IF EXISTS cleaning_money;
CREATE TABLE cleaning_money AS
SELECT coalesce(sum(sales_of_kept_lines), 0)::numeric(38,4) AS sales_of_kept_lines,
       coalesce(sum(returns), 0)::numeric(38,4) AS returns,
       coalesce(sum(refunds), 0)::numeric(38,4) AS refunds,
       coalesce(sum(refunds_without_purchase), 0)::numeric(38,4) AS refunds_without_purchase,
       coalesce(sum(refund_lines_without_purchase), 0)::bigint AS refund_lines_without_purchase,
       coalesce(sum(free_only_customers), 0)::bigint AS free_only_customers
FROM cleaning_money_totals;
