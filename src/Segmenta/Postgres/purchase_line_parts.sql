-- The kept purchase lines with the cluster-wide integer keys (PostgreSQL counterpart of the purchase_lines statement of
-- Cleaning/purchase_tables.sql; here the orders are keyed cluster-wide by purchase_order_keys),
-- written where the lines are: on one server once, on a cluster by every shard over its own lines with its copy of the
-- coordinator's keys (Postgres/purchase_key_tables.sql). Only these integer rows come back to the local store as its
-- purchase_lines (Postgres/PostgresPurchases.cs). Unsorted: readers sort. UNLOGGED: see PostgresLayout.Unlogged.
DROP TABLE IF EXISTS purchase_lines;
CREATE UNLOGGED TABLE purchase_lines AS
SELECT c.customer_key, p.product_key, o.order_key, l.invoice_date::DATE AS purchase_day, coalesce(l.quantity, 1) AS quantity,
       l.amount, k.country_key
FROM clean_lines l
JOIN purchase_customers c ON c.customer_id = l.customer_id
JOIN purchase_products p ON p.stock_code = l.stock_code
JOIN purchase_order_keys o ON o.order_id = l.order_id
JOIN purchase_countries k ON k.country = coalesce(l.country, 'Unknown')
WHERE coalesce(l.quantity, 1) > 0;
