-- The partner organisations (domain §0, §5) and what each is responsible for: the interaction kinds it handles and the
-- offices and Länder it serves. Loaded from partner-organisations.json at start; a request goes to the organisation
-- responsible for its kind and its case's office (an office it names before a Land it names before a nationwide one).
create table partner_organisation (
    id          text         primary key,
    name        text         not null,
    role        text         not null,
    kinds       jsonb        not null,
    offices     jsonb        not null,
    laender     jsonb        not null,
    nationwide  boolean      not null,
    loaded_at   timestamptz  not null
);
