-- Customers per band of predicted CLV at the longest horizon ($h days), for the report's distribution chart.
SELECT CASE WHEN clv < 10 THEN 0 WHEN clv < 50 THEN 1 WHEN clv < 100 THEN 2 WHEN clv < 250 THEN 3 WHEN clv < 500 THEN 4
            WHEN clv < 1000 THEN 5 WHEN clv < 2500 THEN 6 WHEN clv < 5000 THEN 7 ELSE 8 END AS band,
       count(*) AS customers,
       sum(clv) AS clv
FROM customer_clv_horizons
WHERE horizon_days = $h AND clv IS NOT NULL
GROUP BY ALL
ORDER BY ALL;
