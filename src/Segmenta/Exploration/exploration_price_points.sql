-- Temp input: kept lines per unit price and stock code (8,550 rows for the 392,692 kept lines of the shared data), from clean_lines.
-- The price bands and the price quantiles read it instead of the lines.
CREATE OR REPLACE TEMP TABLE exploration_price_points AS
SELECT unit_price, stock_code, count(*) AS lines, sum(quantity) AS quantity, sum(amount) AS revenue
FROM clean_lines
WHERE unit_price IS NOT NULL
GROUP BY ALL;
