-- The case lifecycle (domain §3): status machine, catalogue version, routing, checklist, partner interactions,
-- documents and idempotent commands.
update fallnetz_case set status = 'RECEIVED' where status = 'OPEN';

-- Personal data are erased (set to null) after the case type's retention period; statistics stay.
alter table fallnetz_case
    alter column office_id drop not null,
    alter column family_name drop not null,
    alter column given_names drop not null,
    alter column date_of_birth drop not null,
    alter column nationality drop not null,
    add column catalogue_version    integer,
    add column opened_by            text         not null default 'APPLICANT',
    add column on_behalf_of         text,
    add column application          jsonb        not null default '{}'::jsonb,
    add column postal_code          text,
    add column routing_reason       text,
    add column candidate_offices    text[]       not null default '{}',
    add column office_land          text,
    add column azr_number           text,
    -- The cases of one person share this key (the AZR number where known), a family under §81a(4) its group.
    add column person_key           text,
    add column related_case_id      uuid,
    add column assignee             text,
    add column proposed_outcome     text,
    add column proposal_reason      text,
    add column hearing_statement    text,
    add column heard_at             timestamptz,
    add column outcome              text,
    add column decided_at           timestamptz,
    add column status_changed_at    timestamptz,
    -- The nearest open partner deadline: the worklist sorts by it.
    add column next_deadline_at     timestamptz,
    add column closed_at            timestamptz,
    add column erased_at            timestamptz,
    -- Optimistic lock and ETag: every command names the version it saw (If-Match).
    add column version              bigint       not null default 0;
update fallnetz_case set status_changed_at = opened_at where status_changed_at is null;
alter table fallnetz_case alter column status_changed_at set not null;

-- The worklist: an office's cases, nearest deadline first (cases without one last), paged by (deadline, id).
create index fallnetz_case_worklist on fallnetz_case (office_id, (coalesce(next_deadline_at, 'infinity')), id);
create index fallnetz_case_worklist_status
    on fallnetz_case (office_id, status, (coalesce(next_deadline_at, 'infinity')), id);
create index fallnetz_case_worklist_assignee
    on fallnetz_case (office_id, assignee, (coalesce(next_deadline_at, 'infinity')), id);
create index fallnetz_case_person on fallnetz_case (person_key) where person_key is not null;
create index fallnetz_case_related on fallnetz_case (related_case_id) where related_case_id is not null;
create index fallnetz_case_name on fallnetz_case (office_id, lower(family_name) text_pattern_ops);
create index fallnetz_case_retention on fallnetz_case (closed_at) where erased_at is null and closed_at is not null;

create table case_checklist_item (
    case_id     uuid         not null references fallnetz_case (id),
    item_id     text         not null,
    ticked      boolean      not null default false,
    note        text,
    changed_by  text,
    changed_at  timestamptz,
    primary key (case_id, item_id)
);

-- The partner interactions a case asked for, as case-service follows them from the interaction services' events.
create table case_interaction (
    id                    uuid         primary key,
    case_id               uuid         not null references fallnetz_case (id),
    kind                  text         not null,
    partner_organisation  text         not null,
    state                 text         not null,
    silence               text         not null,
    deadline_text         text         not null,
    due_at                timestamptz,
    outcome               text,
    binding               boolean      not null default false,
    reasons               text,
    conditions            text[]       not null default '{}',
    requested_at          timestamptz  not null,
    updated_at            timestamptz  not null
);
create index case_interaction_case on case_interaction (case_id);

create table case_document (
    id           uuid         primary key,
    case_id      uuid         not null references fallnetz_case (id),
    kind         text         not null,
    file_name    text         not null,
    media_type   text         not null,
    sha256       text         not null,
    content      bytea        not null,
    created_at   timestamptz  not null
);
create index case_document_case on case_document (case_id);

-- A command repeated with the same Idempotency-Key returns what the first one answered.
create table case_command (
    case_id          uuid         not null,
    idempotency_key  text         not null,
    command          text         not null,
    request_hash     text         not null,
    result_version   bigint       not null,
    created_at       timestamptz  not null default now(),
    primary key (case_id, idempotency_key)
);
