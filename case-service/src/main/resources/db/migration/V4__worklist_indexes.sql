-- The worklist at a million cases (bench/worklist; figures in bench/README.md). Every page answers with the counts per
-- status under the same filters, and for the biggest office (Berlin, ~120,000 cases) those counts read the whole
-- office: the indexes below let them read index entries only, not the table's rows.

-- Counts under a status, case type, overdue or unassigned filter: the columns they filter on are carried in the
-- index, so the counts are an index-only scan (with the visibility map set, i.e. after a vacuum) instead of one heap
-- row per case of the office. Replaces V3's index of the same name and keys.
drop index fallnetz_case_worklist_status;
create index fallnetz_case_worklist_status
    on fallnetz_case (office_id, status, (coalesce(next_deadline_at, 'infinity')), id)
    include (case_type, assignee, next_deadline_at);

-- Unassigned cases are mostly new ones without a deadline, so they sort last: without this index the first page read
-- the office's cases in deadline order until it found 25 unassigned ones (36,000 rows in Berlin).
create index fallnetz_case_worklist_unassigned
    on fallnetz_case (office_id, (coalesce(next_deadline_at, 'infinity')), id) include (status)
    where assignee is null;

-- The name search matches a prefix of the family or the given names: with both indexed the two combine (BitmapOr)
-- instead of reading the office's every case for the counts.
create index fallnetz_case_given_name on fallnetz_case (office_id, lower(given_names) text_pattern_ops);
