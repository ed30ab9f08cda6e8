-- One row per outcome, in the order the rules are applied, with lines and revenue (sum of line amounts, negative for
-- cancellations and refunds), each also as a share of all loaded lines / of the loaded lines' revenue.
-- Table cleaning_rules(step, rule, description) lists the rules of the preset in use. Revenue is NULL (not 0) when lines
-- have no amount (a file of customer and date): the rules that need money or quantities then claim no line.
CREATE OR REPLACE TABLE cleaning_report AS
-- The lines are read once: the totals are the sums of the outcomes.
WITH outcomes AS (
    SELECT coalesce(rule, 'kept') AS rule, count(*) AS lines, sum(amount) AS revenue, count(amount) AS lines_with_amount
    FROM lines_with_outcome
    GROUP BY ALL
),
loaded AS (
    SELECT coalesce(sum(lines), 0)::BIGINT AS lines, sum(revenue) AS revenue,
           coalesce(sum(lines_with_amount), 0) = coalesce(sum(lines), 0) AS amounts_known
    FROM outcomes
)
SELECT r.step, r.rule, r.description,
       coalesce(o.lines, 0) AS lines,
       CASE WHEN l.amounts_known THEN round(coalesce(o.revenue, 0), 2)::DECIMAL(38,2) END AS revenue,
       round(coalesce(o.lines, 0) / nullif(l.lines, 0), 6) AS line_share,
       round(coalesce(o.revenue, 0)::DOUBLE / nullif(l.revenue, 0)::DOUBLE, 6) AS revenue_share
FROM cleaning_rules r
CROSS JOIN loaded l
LEFT JOIN outcomes o USING (rule)
ORDER BY r.step;

-- The money vocabulary, reconciled: net sales = sales of kept lines - returns - refunds = the sum of Monetary.
-- Refunds of customers without any kept purchase belong to nobody's Monetary and are shown apart.
CREATE OR REPLACE TABLE cleaning_money AS
WITH buyers AS (
    SELECT customer_id, sum(amount) AS sales, bool_and(amount = 0) AS all_free FROM clean_lines GROUP BY customer_id
)
SELECT
    (SELECT coalesce(sum(sales), 0) FROM buyers)::DECIMAL(38,4) AS sales_of_kept_lines,
    (SELECT coalesce(sum(value), 0) FROM returns)::DECIMAL(38,4) AS returns,
    (SELECT coalesce(sum(value), 0) FROM refunds SEMI JOIN buyers USING (customer_id))::DECIMAL(38,4) AS refunds,
    (SELECT coalesce(sum(value), 0) FROM refunds ANTI JOIN buyers USING (customer_id))::DECIMAL(38,4) AS refunds_without_purchase,
    (SELECT count(*) FROM refunds ANTI JOIN buyers USING (customer_id)) AS refund_lines_without_purchase,
    (SELECT count(*) FROM buyers WHERE all_free) AS free_only_customers;
