-- Shared by every service that publishes or consumes events (platform-messaging).
-- Versions 0.x belong to the platform; a service's own migrations start at 1.

-- Events written in the same transaction as the state change that caused them; the relay sends them to Kafka
-- in id order and then stamps published_at.
create table outbox_event (
    id            bigserial    primary key,
    event_id      uuid         not null unique,
    topic         text         not null,
    event_type    text         not null,
    subject       text         not null,
    source        text         not null,
    data_schema   text         not null,
    occurred_at   timestamptz  not null,
    payload       text         not null,
    published_at  timestamptz
);
create index outbox_event_unpublished on outbox_event (id) where published_at is null;

-- Events a consumer has already applied, written in the same transaction as the effect.
create table processed_event (
    consumer      text         not null,
    event_id      text         not null,
    processed_at  timestamptz  not null default now(),
    primary key (consumer, event_id)
);
