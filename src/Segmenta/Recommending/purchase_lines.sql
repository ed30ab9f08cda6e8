-- The kept purchase lines with dense ids, sorted so that each customer's lines are contiguous and in day order;
-- lines of the same order and product are adjacent (the loader merges them). A file without an amount gives every line
-- revenue 0, so revenue ranks no product above another (units and buyers still do). Units and revenue are in whole
-- ten-thousandths (the store's DECIMAL(18,4)), so that merging lines sums them exactly.
SELECT c.customer, p.product, o.order_index, (l.invoice_date::DATE - DATE '1970-01-01')::INTEGER AS day,
       (l.quantity * 10000)::BIGINT AS units, (coalesce(l.amount, 0) * 10000)::BIGINT AS revenue,
       k.country_index
FROM rec_lines l
JOIN rec_customers c USING (customer_id)
JOIN rec_products p USING (stock_code)
JOIN rec_orders o USING (order_id)
JOIN rec_countries k ON k.country = coalesce(l.country, 'Unknown')
ORDER BY c.customer, day, o.order_index, p.product
