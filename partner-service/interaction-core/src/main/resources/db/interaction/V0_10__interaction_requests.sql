-- The interaction requests of one interaction service (interaction-core). One row per request a partner agency
-- gets; the case service owns the case and its personal data, this row only the data the partner may see.
create table interaction_request (
    id                    text         primary key,
    case_id               text         not null,
    case_type             text         not null,
    kind                  text         not null,
    partner_organisation  text         not null,
    office_id             text         not null,
    office_land           text         not null,
    accelerated           boolean      not null,
    state                 text         not null,
    data                  jsonb        not null,
    deadline_amount       integer      not null,
    deadline_unit         text         not null,
    deadline_silence      text         not null,
    legal_basis           text,
    due_at                timestamptz,
    paused_at             timestamptz,
    remaining_seconds     bigint,
    claimed_by            text,
    missing               text,
    outcome               text,
    binding               boolean,
    reasons               text,
    conditions            jsonb,
    version               bigint       not null,
    requested_at          timestamptz  not null,
    updated_at            timestamptz  not null
);
-- The partner's inbox: its requests by due date, then ID (the keyset of GET /partner/v1/requests).
create index interaction_request_inbox on interaction_request (partner_organisation, due_at, id);

-- Durable timers. A timer fires once: the scheduler takes due rows with FOR UPDATE SKIP LOCKED and stamps fired_at
-- in the transaction that applies the effect and writes its event to the outbox.
create table interaction_deadline (
    id              bigserial    primary key,
    interaction_id  text         not null references interaction_request (id),
    timer           text         not null,
    fire_at         timestamptz  not null,
    fired_at        timestamptz
);
create index interaction_deadline_due on interaction_deadline (fire_at) where fired_at is null;
create index interaction_deadline_interaction on interaction_deadline (interaction_id);

-- Documents partners upload to a request (PDF only).
create table interaction_document (
    id              uuid         primary key,
    interaction_id  text         not null references interaction_request (id),
    file_name       text         not null,
    content_type    text         not null,
    size_bytes      bigint       not null,
    sha256          text         not null,
    content         bytea        not null,
    uploaded_by     text         not null,
    uploaded_at     timestamptz  not null
);
create index interaction_document_interaction on interaction_document (interaction_id);

-- Idempotency-Key of the partner API's writes, per partner organisation: the same key with the same request gets the
-- stored answer again; with another request a 422.
create table partner_idempotency_key (
    organisation    text         not null,
    idempotency_key text         not null,
    request_hash    text         not null,
    status          integer      not null,
    etag            text,
    body            text         not null,
    created_at      timestamptz  not null,
    primary key (organisation, idempotency_key)
);
