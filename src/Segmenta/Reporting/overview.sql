-- Headline numbers of the clean data.
SELECT min(invoice_date) AS first_date,
       max(invoice_date) AS last_date,
       sum(amount)::DOUBLE AS gross_revenue,
       count(DISTINCT order_id) AS orders,
       count(DISTINCT customer_id) AS customers,
       count(DISTINCT stock_code) AS products,
       count(DISTINCT country) AS countries,
       first(country ORDER BY n DESC) AS main_country
FROM (SELECT *, count(*) OVER (PARTITION BY country) AS n FROM clean_lines);
