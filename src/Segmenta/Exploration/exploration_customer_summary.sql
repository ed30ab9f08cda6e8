-- One row: customers, one-time vs repeat buyers (one order vs two or more), and the spread of orders and spend.
CREATE OR REPLACE TABLE exploration_customer_summary AS
SELECT count(*)::BIGINT AS customers,
       count(*) FILTER (WHERE orders = 1)::BIGINT AS one_time_customers,
       count(*) FILTER (WHERE orders > 1)::BIGINT AS repeat_customers,
       (count(*) FILTER (WHERE orders > 1) / nullif(count(*), 0))::DOUBLE AS repeat_share,
       (sum(revenue) FILTER (WHERE orders > 1) / nullif(sum(revenue), 0))::DOUBLE AS repeat_revenue_share,
       avg(orders)::DOUBLE AS mean_orders,
       median(orders)::DOUBLE AS median_orders,
       avg(revenue)::DOUBLE AS mean_spend,
       median(revenue)::DOUBLE AS median_spend,
       quantile_cont(revenue, 0.9)::DOUBLE AS spend_p90,
       coalesce(sum(revenue), 0)::DOUBLE AS revenue
FROM exploration_customers;
