-- The segmentation stage's tables besides customer_segments (customer_segments.sql), replaced by every clustering run.
-- One row per k compared (empty when k was given).
CREATE OR REPLACE TABLE model_selection (
    algorithm VARCHAR, k INTEGER, inertia DOUBLE, silhouette DOUBLE, davies_bouldin DOUBLE, calinski_harabasz DOUBLE,
    bic DOUBLE, aic DOUBLE, mean_log_likelihood DOUBLE, stability_mean DOUBLE, stability_std DOUBLE, is_knee BOOLEAN, chosen BOOLEAN,
    stability_low DOUBLE, smallest_share DOUBLE, set_aside VARCHAR);
-- The clustering of the run: why k, the projection's explained variance and the model (model.json).
CREATE OR REPLACE TABLE segmentation_runs (segmentation VARCHAR, k INTEGER, explanation VARCHAR, inertia DOUBLE,
    explained_variance_1 DOUBLE, explained_variance_2 DOUBLE, model_json VARCHAR, extreme_segment INTEGER);
-- Every customer on the 2-D PCA projection.
CREATE OR REPLACE TABLE customer_projection (customer_id VARCHAR, segmentation VARCHAR, segment_id INTEGER, pc1 DOUBLE, pc2 DOUBLE);
