-- Partner webhook subscriptions (/partner/v1/subscriptions): which events of the organisation's interactions, to
-- which URL. A subscription that keeps failing is PAUSED and its owner told.
create table webhook_subscription (
    id                     uuid         primary key,
    partner_org            text         not null,
    url                    text         not null,
    event_types            text[]       not null,
    interaction_kinds      text[]       not null default '{}',
    office_ids             text[]       not null default '{}',
    contact_email          text,
    allow_private_network  boolean      not null default false,
    status                 text         not null,
    paused_reason          text,
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null
);
create index webhook_subscription_org on webhook_subscription (partner_org);

-- Signing secrets: the newest signs, and during a rotation the previous one too until it expires.
create table webhook_secret (
    subscription_id  uuid         not null references webhook_subscription (id) on delete cascade,
    secret           text         not null,
    created_at       timestamptz  not null,
    expires_at       timestamptz,
    primary key (subscription_id, secret)
);

-- In-app notifications for clerks, per office (and clerk once read).
create table clerk_notification (
    id          uuid         primary key,
    seq         bigint       generated always as identity,
    event_id    text         not null,
    office_id   text         not null,
    case_id     text         not null,
    kind        text         not null,
    text        text         not null,
    created_at  timestamptz  not null,
    constraint clerk_notification_once unique (event_id, office_id, kind)
);
create index clerk_notification_office on clerk_notification (office_id, seq);

create table clerk_notification_read (
    notification_id  uuid         not null references clerk_notification (id) on delete cascade,
    clerk            text         not null,
    read_at          timestamptz  not null,
    primary key (notification_id, clerk)
);

-- Partner deadlines running for an office, to warn its clerks 2 working days ahead.
create table clerk_deadline (
    interaction_id  text         primary key,
    case_id         text         not null,
    office_id       text         not null,
    kind            text         not null,
    partner_org     text         not null,
    due_at          timestamptz  not null,
    alerted         boolean      not null default false
);
create index clerk_deadline_due on clerk_deadline (due_at) where not alerted;
