-- Operators' actions on the incident view (ops.retry, ops.discard, ops.release) are audited too; they concern an
-- event or outbox row of a service, which names no case when its record could not be read at all.
alter table audit_log alter column case_id drop not null;
