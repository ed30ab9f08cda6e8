-- The order lines with dense ids, sorted by customer, day and order so that each customer's lines are contiguous.
SELECT c.customer, p.product, (dense_rank() OVER (ORDER BY l.order_id) - 1)::INTEGER AS order_index,
       (l.day - DATE '1970-01-01')::INTEGER AS day, l.units, l.revenue
FROM rec_order_lines l
JOIN rec_customers c USING (customer_id)
JOIN rec_products p USING (stock_code)
ORDER BY c.customer, day, order_index, p.product
