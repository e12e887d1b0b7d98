-- An event's CloudEvent JSON is kept once, in its journal row (event_json), instead of a second copy in the outbox:
-- journal_id names that row, and the delivery reads the JSON from it. Every durable commit of a callback wrote the
-- JSON twice, and every claim and delivery mark of an outbox row wrote it again (H2 rewrites the row's whole page).
-- Rows queued before this change keep their payload; new rows have none. The journal is append-only (no row of it
-- is ever deleted or changed), so the reference needs no foreign key, whose index every insert would have to write.
alter table outbox add column journal_id bigint;
alter table outbox alter column payload drop not null;
