-- The profiling stage's catalogue of every segmentation, replaced by each profiling run (Profiler.Save):
-- one row per segment with its name, explanation, fidelity and playbook action ...
CREATE OR REPLACE TABLE segment_catalog (
    segmentation VARCHAR, segment_id INTEGER, name VARCHAR, explanation VARCHAR, explanation_fidelity DOUBLE,
    segmentation_fidelity DOUBLE, playbook_entry VARCHAR, action VARCHAR, action_reasoning VARCHAR);
-- ... and the insights written for each segmentation, in order.
CREATE OR REPLACE TABLE segment_insights (segmentation VARCHAR, position INTEGER, insight VARCHAR);
