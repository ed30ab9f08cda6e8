-- Headline numbers of the clean data. The main country is the one with the most lines (ties: the first by name), from
-- a per-country count: a window over every line would carry each line through a sort by country.
WITH country_lines AS (
    SELECT country, count(*) AS n FROM clean_lines GROUP BY country
)
SELECT min(invoice_date) AS first_date,
       max(invoice_date) AS last_date,
       sum(amount)::DOUBLE AS gross_revenue,
       count(DISTINCT order_id) AS orders,
       count(DISTINCT customer_id) AS customers,
       count(DISTINCT stock_code) AS products,
       count(DISTINCT country) AS countries,
       (SELECT first(country ORDER BY n DESC, country) FROM country_lines) AS main_country
FROM clean_lines;
