-- A reconciliation run inserts one item per gateway record (a million for a large merchant's day). H2 writes an
-- identity's sequence to its file (a commit of its own) every time the sequence's cache runs out, 32 values by
-- default: a third of a run's time went there. Values are handed out a thousand at a time now; a crash leaves a gap in
-- the ids, which nothing reads as meaningful (they only order a run's items).
alter table reconciliation_item alter column id set cache 1000;
