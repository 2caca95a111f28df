-- Tracing: the W3C trace context of the transaction that wrote an outbox row, sent with it as the CloudEvents
-- traceparent extension; and the one an applied event arrived with, so a trace can be followed across databases.
alter table outbox_event add column traceparent text;
alter table processed_event add column traceparent text;

-- Events a consumer of this service could not apply (also sent to the dead-letter topic): the operators' incident
-- view lists them without their data, and an operator retries (the record goes back to its topic, and the inbox
-- applies it at most once) or discards them with a reason. A record parked again after a retry counts an attempt.
create table parked_event (
    id            bigserial    primary key,
    consumer      text         not null,
    record_ref    text         not null,
    topic         text         not null,
    kafka_partition integer,
    kafka_offset  bigint,
    record_key    text,
    headers       jsonb        not null default '{}',
    payload       text,
    event_id      text,
    event_type    text,
    source        text,
    subject       text,
    error         text         not null,
    attempts      integer      not null default 1,
    first_parked_at timestamptz not null default now(),
    parked_at     timestamptz  not null default now(),
    status        text         not null default 'parked' check (status in ('parked', 'retried', 'discarded')),
    resolved_at   timestamptz,
    resolved_by   text,
    reason        text,
    unique (consumer, record_ref)
);
create index parked_event_open on parked_event (id) where status <> 'discarded';
