-- One row per RFM segment: size, revenue and mean R, F, M, largest revenue first (largest first without amounts).
SELECT rfm_segment,
       count(*) AS customers,
       sum(monetary) AS revenue,
       avg(recency) AS mean_recency,
       avg(frequency) AS mean_frequency,
       avg(monetary) AS mean_monetary
FROM customers
GROUP BY rfm_segment
ORDER BY revenue DESC, customers DESC, rfm_segment;
