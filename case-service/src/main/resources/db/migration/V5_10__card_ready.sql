-- When the residence permit card of a granted case was recorded as ready for pick-up (the event goes out once).
alter table fallnetz_case add column card_ready_at timestamptz;
