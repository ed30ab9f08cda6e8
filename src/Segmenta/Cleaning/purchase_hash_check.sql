-- True when no two values of a dimension of purchase_tables.sql share a 64-bit hash (so the join on hashes is exact).
SELECT (SELECT count(DISTINCT hash(customer_id)) = count(*) FROM purchase_customers)
   AND (SELECT count(DISTINCT hash(stock_code)) = count(*) FROM purchase_products)
   AND (SELECT count(DISTINCT order_hash) = count(*) FROM purchase_order_keys)
   AND (SELECT count(DISTINCT hash(country)) = count(*) FROM purchase_countries)
