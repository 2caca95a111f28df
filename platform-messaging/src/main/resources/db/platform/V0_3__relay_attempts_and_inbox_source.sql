-- Relay: a row Kafka refuses on its own no longer holds back the rows after it. The relay counts its attempts,
-- keeps the last error, and parks the row (parked_at) once it has failed fallnetz.outbox.max-attempts times; an
-- operator sends it again by setting parked_at back to null.
alter table outbox_event
    add column attempts    integer      not null default 0,
    add column last_error  text,
    add column parked_at   timestamptz;
drop index outbox_event_unpublished;
create index outbox_event_unsent on outbox_event (id) where published_at is null and parked_at is null;
create index outbox_event_parked on outbox_event (id) where parked_at is not null;

-- Inbox: a CloudEvent is unique by (source, id), so the key of an applied event names its source too. Rows written
-- before this version have the source '' and still count as applied for any source (see Inbox); they expire with
-- fallnetz.inbox.retention.
alter table processed_event add column source text not null default '';
alter table processed_event drop constraint processed_event_pkey;
alter table processed_event add primary key (consumer, source, event_id);
