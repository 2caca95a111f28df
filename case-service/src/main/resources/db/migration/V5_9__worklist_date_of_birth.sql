-- Search by date of birth (exact date) within an office: the office's cases of that day, not the whole office.
create index fallnetz_case_date_of_birth on fallnetz_case (office_id, date_of_birth);
