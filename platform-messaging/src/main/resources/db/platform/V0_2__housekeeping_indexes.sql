-- MessagingHousekeeping deletes by age; these keep its hourly run from scanning whole tables.
create index outbox_event_published on outbox_event (published_at) where published_at is not null;
create index processed_event_age on processed_event (processed_at);
