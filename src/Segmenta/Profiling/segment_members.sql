-- A segment's customers with the explorer's filters ($country, $min_monetary, $max_recency, $search: all optional),
-- ordered by a column chosen from a fixed list ({order} is replaced by the caller, never by user text).
SELECT c.customer_id, c.main_country, c.recency, c.frequency, round(c.monetary, 2) AS monetary, c.rfm_segment, m.probability,
       count(*) OVER () AS total
FROM customer_segments m JOIN customers c USING (customer_id)
WHERE m.segmentation = $segmentation AND m.segment_id = $segment
  AND ($country IS NULL OR c.main_country = $country)
  AND ($min_monetary IS NULL OR c.monetary >= $min_monetary)
  AND ($max_recency IS NULL OR c.recency <= $max_recency)
  AND ($search IS NULL OR contains(lower(c.customer_id), lower($search)))
ORDER BY {order}, c.customer_id
LIMIT $limit OFFSET $offset
