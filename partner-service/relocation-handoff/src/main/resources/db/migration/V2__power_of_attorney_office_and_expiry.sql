-- The office whose clerk recorded a power (a sub-delegation inherits it): the power gives access to the case only
-- while the case is at that office. Powers recorded before this column have none and give access to nothing.
alter table power_of_attorney add column office_id text;
-- When the end of a power's validity was applied (its chain ended, its holders' hand-offs cancelled, the event
-- written): the durable deadline of its expiry, taken with FOR UPDATE SKIP LOCKED and stamped once.
alter table power_of_attorney add column expiry_applied_at timestamptz;
create index power_of_attorney_expiry_due on power_of_attorney (valid_until)
    where revoked_at is null and expiry_applied_at is null;
