-- When an entry reached the timeline, besides when its event happened: the difference is the pipeline's lag,
-- which operators and the benchmark (bench/) read.
alter table timeline_entry add column recorded_at timestamptz not null default clock_timestamp();
