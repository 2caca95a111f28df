-- Cases known to the partner service. The agency interactions (BA consent, security check, ...) of a case will
-- hang off this row; the case service owns the case itself and its personal data.
create table partner_case (
    case_id        text         primary key,
    case_type      text         not null,
    office_id      text         not null,
    registered_at  timestamptz  not null
);
