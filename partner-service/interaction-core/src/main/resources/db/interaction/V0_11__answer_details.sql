-- The kind-specific fields of a partner's answer (e.g. the employer a BA consent is tied to, the compensation
-- measures of a partial recognition, the reason code of security concerns), as the kind's answer schema allows them.
alter table interaction_request add column answer_details jsonb;
