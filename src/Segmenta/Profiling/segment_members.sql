-- The customers of one scope — a segment ($segmentation, $segment) and/or an RFM grid cell ($r_score, $f_score) —
-- with the explorer's filters ($country, $min_monetary, $max_recency, $search, and date ranges on the last and on the
-- first purchase: all optional), ordered by a column chosen from a fixed list ({order} is replaced by the caller,
-- never by user text). Without a segmentation, m is empty (no probability) and every customer of the cell is listed.
SELECT c.customer_id, c.main_country, c.recency, c.frequency, round(c.monetary, 2) AS monetary, c.rfm_segment, m.probability,
       count(*) OVER () AS total, c.r_score, c.f_score, c.first_purchase, c.last_purchase
FROM customers c
LEFT JOIN customer_segments m ON m.customer_id = c.customer_id AND m.segmentation = $segmentation AND m.segment_id = $segment
WHERE ($segmentation IS NULL OR m.customer_id IS NOT NULL)
  AND ($r_score IS NULL OR c.r_score = $r_score)
  AND ($f_score IS NULL OR c.f_score = $f_score)
  AND ($country IS NULL OR c.main_country = $country)
  AND ($min_monetary IS NULL OR c.monetary >= $min_monetary)
  AND ($max_recency IS NULL OR c.recency <= $max_recency)
  AND ($search IS NULL OR contains(lower(c.customer_id), lower($search)))
  AND ($last_from IS NULL OR c.last_purchase >= CAST($last_from AS DATE))
  AND ($last_to IS NULL OR c.last_purchase <= CAST($last_to AS DATE))
  AND ($first_from IS NULL OR c.first_purchase >= CAST($first_from AS DATE))
  AND ($first_to IS NULL OR c.first_purchase <= CAST($first_to AS DATE))
ORDER BY {order}, c.customer_id
LIMIT $limit OFFSET $offset
