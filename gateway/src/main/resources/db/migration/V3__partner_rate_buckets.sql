-- The partner clients' token buckets, shared by every gateway instance: with n instances a client still gets its
-- rate once, not n times.
create table partner_rate_bucket (
    client      text primary key,
    tokens      double precision not null,
    refilled_at timestamptz not null
);
