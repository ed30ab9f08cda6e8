-- The average retention curve: per month offset, over the cohorts observed that long, the plain mean of their
-- retention, the size-weighted retention (active / customers summed over those cohorts) and the weighted
-- cumulative revenue per customer.
CREATE OR REPLACE TABLE exploration_retention_curve AS
SELECT month_offset,
       count(*)::BIGINT AS cohorts,
       sum(cohort_customers)::BIGINT AS customers,
       avg(retention)::DOUBLE AS mean_retention,
       (sum(active_customers) / sum(cohort_customers))::DOUBLE AS weighted_retention,
       (sum(cumulative_revenue_per_customer * cohort_customers) / sum(cohort_customers))::DOUBLE AS cumulative_revenue_per_customer
FROM exploration_cohort_months
GROUP BY month_offset
ORDER BY month_offset;
