-- Cohorts by month of first purchase: size, revenue, repeat buyers and how many months of data follow.
CREATE OR REPLACE TABLE exploration_cohorts AS
WITH last AS (
    SELECT max(month) AS last_month FROM exploration_customer_months
)
SELECT c.cohort_month,
       count(*)::BIGINT AS customers,
       sum(c.revenue)::DOUBLE AS revenue,
       (sum(c.revenue) / count(*))::DOUBLE AS revenue_per_customer,
       count(*) FILTER (WHERE c.orders > 1)::BIGINT AS repeat_customers,
       (date_diff('month', c.cohort_month, any_value(l.last_month)) + 1)::INTEGER AS months_observed
FROM exploration_customers c
CROSS JOIN last l
GROUP BY c.cohort_month
ORDER BY c.cohort_month;
