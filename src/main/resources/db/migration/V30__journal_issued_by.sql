-- The ERP API caller (API client name or JWT subject) that issued the command a journal row records; null for
-- facts nobody issued through the API (callbacks, scheduled queries).
alter table ledger_journal add column issued_by varchar(128);
