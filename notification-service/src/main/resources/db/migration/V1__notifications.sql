-- Notifications written for the people in a case. Delivery (e-mail, portal) will update status.
create table notification (
    id                  uuid         primary key,
    case_id             text         not null,
    recipient_role      text         not null,
    template            text         not null,
    requested_language  text         not null,
    language            text         not null,
    subject             text         not null,
    body                text         not null,
    status              text         not null,
    recorded_at         timestamptz  not null
);
create index notification_case on notification (case_id, recorded_at);
