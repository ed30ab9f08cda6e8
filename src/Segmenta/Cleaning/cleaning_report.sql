-- One row per outcome, in the order the rules are applied, with lines and revenue (sum of line amounts).
-- Table cleaning_rules(step, rule, description) lists the rules of the preset in use.
CREATE OR REPLACE TABLE cleaning_report AS
WITH loaded AS (
    SELECT count(*) AS lines, sum(amount) AS revenue FROM lines_with_outcome
),
outcomes AS (
    SELECT coalesce(rule, 'kept') AS rule, count(*) AS lines, sum(amount) AS revenue
    FROM lines_with_outcome
    GROUP BY ALL
)
SELECT r.step, r.rule, r.description,
       coalesce(o.lines, 0) AS lines,
       round(coalesce(o.revenue, 0), 2) AS revenue,
       round(coalesce(o.lines, 0) / nullif(l.lines, 0), 6) AS line_share
FROM cleaning_rules r
CROSS JOIN loaded l
LEFT JOIN outcomes o USING (rule)
ORDER BY r.step;
