-- The Western Balkans contingent (§26 Abs. 2 BeschV): places per year, month and country. The year is part of the
-- key, so nothing carries over; a place is taken with "used = used + 1 where used < quota", which can never overbook.
create table contingent (
    year     integer  not null,
    month    integer  not null,
    country  text     not null,
    quota    integer  not null,
    used     integer  not null default 0,
    primary key (year, month, country),
    check (used <= quota)
);
