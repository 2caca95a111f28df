-- Who read which personal data, when. Written before the data is handed out; a read that cannot be audited
-- does not happen.
create table audit_log (
    id          bigserial    primary key,
    at          timestamptz  not null default now(),
    actor       text         not null,
    client      text,
    action      text         not null,
    case_id     text         not null
);
create index audit_log_case on audit_log (case_id, at);
