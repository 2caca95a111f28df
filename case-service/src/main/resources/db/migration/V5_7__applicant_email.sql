-- Where notification-service mails the applicant (optional; erased with the other personal data).
alter table fallnetz_case add column applicant_email text;
