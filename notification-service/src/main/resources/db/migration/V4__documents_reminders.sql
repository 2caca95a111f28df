-- Deadline reminders for the applicant: one per case for its latest documents request (a new request replaces it).
-- The scheduler claims due rows with FOR UPDATE SKIP LOCKED and, in the same transaction, queues the mail and marks
-- the row SENT (or SKIPPED when the documents arrived, or the case was withdrawn or decided): it fires once, whatever
-- restarts in between.
create table documents_reminder (
    case_id           text         primary key,
    request_event_id  text         not null,
    due_at            timestamptz  not null,
    remind_at         timestamptz  not null,
    status            text         not null,
    done_at           timestamptz
);
create index documents_reminder_due on documents_reminder (remind_at) where status = 'PENDING';
