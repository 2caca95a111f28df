-- Who read (user, role, office), which fields, on what grounds. The log is append-only: no API changes or deletes an
-- entry, and the database refuses it too, so that not even a bug in the gateway can rewrite the trail.
alter table audit_log add column roles text;
alter table audit_log add column office_id text;
alter table audit_log add column fields text;
alter table audit_log add column grounds text;
create index audit_log_actor on audit_log (actor, at);
create index audit_log_at on audit_log (at);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only();
