-- Mean P(alive) of the customers in each cell of repeat purchases × days since the last purchase (the report's heatmap).
SELECT CASE WHEN repeat_purchases >= 10 THEN 6 WHEN repeat_purchases >= 6 THEN 5 WHEN repeat_purchases >= 4 THEN 4
            ELSE repeat_purchases END AS frequency_bucket,
       CASE WHEN days_since_last_purchase < 30 THEN 0 WHEN days_since_last_purchase < 60 THEN 1 WHEN days_since_last_purchase < 90 THEN 2
            WHEN days_since_last_purchase < 180 THEN 3 WHEN days_since_last_purchase < 270 THEN 4 WHEN days_since_last_purchase < 365 THEN 5
            ELSE 6 END AS recency_bucket,
       avg(p_alive) AS p_alive,
       count(*) AS customers
FROM customer_clv
GROUP BY ALL
ORDER BY ALL;
