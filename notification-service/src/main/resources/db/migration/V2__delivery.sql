-- What notification-service knows of a case to tell its applicant: where to write, in which language, and what
-- the status page shows. Filled from case.opened and kept current from later case events.
create table case_contact (
    case_id        text         primary key,
    case_type      text         not null,
    office_id      text         not null,
    language       text         not null,
    email          text,
    status         text         not null,
    missing_items  text[]       not null default '{}',
    withdrawn      boolean      not null default false,
    updated_at     timestamptz  not null
);

-- The delivery queue (an outbox for the outside world): a message is written here in the transaction that consumed
-- its event, and a sender worker delivers it and marks it sent. The unique key makes it once per event, recipient and
-- channel, however often the event arrives.
create table delivery (
    id               uuid         primary key,
    seq              bigint       generated always as identity,
    event_id         text         not null,
    recipient        text         not null,
    channel          text         not null,
    case_id          text         not null,
    notification_id  uuid,
    subscription_id  uuid,
    event_type       text,
    subject          text,
    text_body        text         not null,
    html_body        text,
    status           text         not null,
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null,
    lease_until      timestamptz,
    created_at       timestamptz  not null,
    sent_at          timestamptz,
    last_error       text,
    constraint delivery_once unique (event_id, recipient, channel)
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_case on delivery (case_id, recipient, seq) where status in ('PENDING', 'SENDING');

-- Every attempt, successful or not.
create table delivery_attempt (
    delivery_id  uuid         not null references delivery (id),
    attempt      int          not null,
    at           timestamptz  not null,
    outcome      text         not null,
    status_code  int,
    latency_ms   bigint       not null,
    error        text,
    primary key (delivery_id, attempt)
);

-- Status-page links handed out; a row is what makes a token valid, so deleting or revoking it ends the link.
create table status_token (
    token_id    text         primary key,
    case_id     text         not null,
    expires_at  timestamptz  not null,
    revoked_at  timestamptz
);
create index status_token_case on status_token (case_id);
