-- Powers of attorney (Vollmachten) for a case. The applicant grants one (parent_id null); its holder may sub-delegate
-- it when allowed, within its scope and validity (a chain: applicant -> employer -> relocation agency). A power is
-- in force only while every link above it is: revoking one ends the chain below it at once.
create table power_of_attorney (
    id                      uuid         primary key,
    case_id                 text         not null,
    holder                  text         not null,
    grantor                 text         not null,
    parent_id               uuid         references power_of_attorney (id),
    sub_delegation_allowed  boolean      not null,
    case_types              jsonb        not null,
    acts                    jsonb        not null,
    valid_from              timestamptz  not null,
    valid_until             timestamptz  not null,
    revoked_at              timestamptz,
    revoked_by              text,
    revocation_reason       text,
    granted_at              timestamptz  not null,
    version                 bigint       not null
);
-- Checked before every partner call on a case: the caller's powers for it.
create index power_of_attorney_case_holder on power_of_attorney (case_id, holder);
create index power_of_attorney_parent on power_of_attorney (parent_id);
