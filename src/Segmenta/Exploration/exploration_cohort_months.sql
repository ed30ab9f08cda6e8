-- Every cohort (exploration_cohorts) at every month offset from 0 (its first month) to the last month in the data:
-- customers active (at least one order), retention (active / cohort size), revenue, and cumulative revenue per
-- cohort customer up to that offset.
CREATE OR REPLACE TABLE exploration_cohort_months AS
WITH grid AS (
    SELECT c.cohort_month, c.customers, o.range::INTEGER AS month_offset
    FROM exploration_cohorts c
    CROSS JOIN range(0, (SELECT max(months_observed) FROM exploration_cohorts)) o
    WHERE o.range < c.months_observed
),
activity AS (
    SELECT cohort_month, month_offset, count(*) AS active_customers, sum(revenue) AS revenue
    FROM exploration_customer_months
    GROUP BY ALL
)
SELECT g.cohort_month,
       g.month_offset,
       (g.cohort_month + to_months(g.month_offset))::DATE AS month,
       g.customers AS cohort_customers,
       coalesce(a.active_customers, 0)::BIGINT AS active_customers,
       (coalesce(a.active_customers, 0) / g.customers)::DOUBLE AS retention,
       coalesce(a.revenue, 0)::DOUBLE AS revenue,
       (coalesce(a.revenue, 0) / g.customers)::DOUBLE AS revenue_per_customer,
       (sum(coalesce(a.revenue, 0)) OVER (PARTITION BY g.cohort_month ORDER BY g.month_offset) / g.customers)::DOUBLE AS cumulative_revenue_per_customer
FROM grid g
LEFT JOIN activity a USING (cohort_month, month_offset)
ORDER BY g.cohort_month, g.month_offset;
