create table fallnetz_case (
    id                  uuid         primary key,
    case_type           text         not null,
    office_id           text         not null,
    status              text         not null,
    opened_at           timestamptz  not null,
    family_name         text         not null,
    given_names         text         not null,
    date_of_birth       date         not null,
    nationality         char(3)      not null,
    preferred_language  text         not null,
    -- A client's retry of the same POST carries the same key and gets the case it already created.
    idempotency_key     text         unique,
    request_hash        text
);
create index fallnetz_case_office on fallnetz_case (office_id);

-- Every event any service published about a case, in the order it happened.
create table timeline_entry (
    id           bigserial    primary key,
    case_id      uuid         not null,
    event_id     text         not null unique,
    event_type   text         not null,
    source       text         not null,
    occurred_at  timestamptz  not null,
    summary      text         not null
);
create index timeline_entry_case on timeline_entry (case_id, occurred_at, id);
