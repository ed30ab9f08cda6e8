-- Profiles of every segment of every segmentation in customer_segments(segmentation, customer_id, segment_id,
-- segment_name, probability), against the whole customer base. Rebuilt by each profiling run. The memberships are read
-- through the view profiled_segments (ProfiledScope): all of them, or the one segmentation a re-run changed.

-- Size, revenue, returns, revenue concentration and one-time buyers per segment.
-- The concentration (revenue share of the top 20% of customers) is NULL below minimum_concentration_customers (20, set by
-- ProfileLoader from SegmentProfile.MinimumCustomersForConcentration): the top 20% of a handful is one or two customers,
-- a fact about them rather than about how revenue spreads in the segment (docs/profiling.md).
-- One-time buyers have one order (frequency 1), as in the exploration's customer summary.
CREATE OR REPLACE TABLE segment_summary AS
WITH totals AS (
    SELECT count(*) AS customers, sum(monetary) AS revenue FROM customers
),
members AS (
    SELECT m.segmentation, m.segment_id, m.segment_name, c.monetary, c.returns_value, c.frequency,
           row_number() OVER (PARTITION BY m.segmentation, m.segment_id ORDER BY c.monetary DESC, c.customer_id) AS spend_rank,
           count(*) OVER (PARTITION BY m.segmentation, m.segment_id) AS size
    FROM profiled_segments m
    JOIN customers c USING (customer_id)
)
SELECT segmentation,
       segment_id,
       min(segment_name) AS segment_name,
       count(*) AS customers,
       count(*) / any_value(t.customers) AS customer_share,
       sum(monetary) AS revenue,
       sum(monetary) / any_value(t.revenue) AS revenue_share,
       sum(monetary) / count(*) AS revenue_per_customer,
       sum(returns_value) / nullif(sum(monetary) + sum(returns_value), 0) AS returns_rate,
       CASE WHEN count(*) >= getvariable('minimum_concentration_customers')
            THEN sum(monetary) FILTER (WHERE spend_rank <= ceil(0.2 * size)) / nullif(sum(monetary), 0) END AS top20_revenue_share,
       sum(frequency) AS orders,
       count(*) FILTER (WHERE frequency = 1) AS one_time_buyers
FROM members
CROSS JOIN totals t
GROUP BY segmentation, segment_id
ORDER BY segmentation, segment_id;

-- Mean and median of every numeric customer feature per segment, and the index against the whole base.
CREATE OR REPLACE TABLE segment_feature_stats AS
WITH long AS (
    UNPIVOT (
        SELECT customer_id,
               CAST(recency AS DOUBLE) AS recency, CAST(frequency AS DOUBLE) AS frequency, monetary,
               average_order_value, CAST(tenure_days AS DOUBLE) AS tenure_days, CAST(distinct_products AS DOUBLE) AS distinct_products,
               CAST(items_bought AS DOUBLE) AS items_bought, return_rate, mean_days_between_purchases,
               CAST(median_days_between_purchases AS DOUBLE) AS median_days_between_purchases,
               average_monthly_spend, spend_trend, cancellation_rate
        FROM customers
    )
    ON COLUMNS(* EXCLUDE (customer_id)) INTO NAME feature VALUE value
),
overall AS (
    SELECT feature, avg(value) AS overall_mean, median(value) AS overall_median FROM long GROUP BY feature
)
SELECT m.segmentation, m.segment_id, l.feature,
       avg(l.value) AS mean, median(l.value) AS median, any_value(o.overall_mean) AS overall_mean,
       any_value(o.overall_median) AS overall_median,
       avg(l.value) / nullif(any_value(o.overall_mean), 0) AS index
FROM long l
JOIN profiled_segments m USING (customer_id)
JOIN overall o USING (feature)
GROUP BY m.segmentation, m.segment_id, l.feature;

-- Top countries per segment (three, by revenue).
CREATE OR REPLACE TABLE segment_top_countries AS
SELECT * FROM (
    SELECT m.segmentation, m.segment_id, c.main_country AS country, count(*) AS customers, sum(c.monetary) AS revenue,
           row_number() OVER (PARTITION BY m.segmentation, m.segment_id ORDER BY sum(c.monetary) DESC, c.main_country) AS rank
    FROM profiled_segments m
    JOIN customers c USING (customer_id)
    WHERE c.main_country IS NOT NULL
    GROUP BY m.segmentation, m.segment_id, c.main_country
)
WHERE rank <= 3;

-- How each segment splits into RFM segments.
CREATE OR REPLACE TABLE segment_rfm_mix AS
SELECT m.segmentation, m.segment_id, c.rfm_segment, count(*) AS customers,
       count(*) / sum(count(*)) OVER (PARTITION BY m.segmentation, m.segment_id) AS share
FROM profiled_segments m
JOIN customers c USING (customer_id)
GROUP BY m.segmentation, m.segment_id, c.rfm_segment;
