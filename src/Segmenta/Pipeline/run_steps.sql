-- The cost of every step of every run, one row per step in the order run (the run log's runs.step_seconds has the wall
-- times only). cpu_seconds is the processor time of the whole process during the step (all threads), so cpu / wall
-- shows how parallel the step was; peak_memory_mb is the process's resident high-water mark at the end of the step.
CREATE TABLE IF NOT EXISTS run_steps (
    run_id          INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    step            VARCHAR NOT NULL,
    wall_seconds    DOUBLE NOT NULL,
    cpu_seconds     DOUBLE NOT NULL,
    peak_memory_mb  DOUBLE NOT NULL
);
