-- The additive parts of the cleaning report, computed where the lines are: per outcome (rule, 'kept' for kept lines)
-- the lines, their revenue and how many have an amount; and the money of the kept lines, returns and refunds. On one
-- server they are computed once; on a cluster on every shard (a customer's lines, returns and refunds all live on one
-- shard, so "refund of a customer who bought" is decided there), and Cleaning/cleaning_report.postgres.sql adds the
-- shards' rows up on the coordinator: sums of NUMERIC and counts, exact in any order.
DROP TABLE IF EXISTS cleaning_rule_totals;
CREATE TABLE cleaning_rule_totals AS
SELECT coalesce(rule, 'kept') AS rule, count(*) AS lines, sum(amount) AS revenue, count(amount) AS amount_lines
FROM lines_with_outcome
GROUP BY coalesce(rule, 'kept');

DROP TABLE IF EXISTS cleaning_money_totals;
CREATE TABLE cleaning_money_totals AS
WITH buyers AS (
    SELECT customer_id, sum(amount) AS sales, bool_and(amount = 0) AS all_free FROM clean_lines GROUP BY customer_id
)
SELECT
    (SELECT coalesce(sum(sales), 0) FROM buyers)::numeric AS sales_of_kept_lines,
    (SELECT coalesce(sum(value), 0) FROM returns)::numeric AS returns,
    (SELECT coalesce(sum(value), 0) FROM refunds f WHERE EXISTS (SELECT 1 FROM buyers b WHERE b.customer_id = f.customer_id))::numeric AS refunds,
    (SELECT coalesce(sum(value), 0) FROM refunds f WHERE NOT EXISTS (SELECT 1 FROM buyers b WHERE b.customer_id = f.customer_id))::numeric AS refunds_without_purchase,
    (SELECT count(*) FROM refunds f WHERE NOT EXISTS (SELECT 1 FROM buyers b WHERE b.customer_id = f.customer_id)) AS refund_lines_without_purchase,
    (SELECT count(*) FROM buyers WHERE all_free) AS free_only_customers;
