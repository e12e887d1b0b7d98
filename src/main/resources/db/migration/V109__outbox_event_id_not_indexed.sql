-- The outbox needs no unique index of its own on event_id. An outbox row is only ever inserted with its journal row,
-- in the same transaction, and the event id is a name-based UUID of the journal's fact key, which is unique: a second
-- row for one event would need a second journal row for one fact, which uk_ledger_journal_fact refuses. No query
-- looks an outbox row up by its event id. The index was the one random key every callback wrote (a UUID lands on a
-- page of its own), so each durable commit of H2 rewrote one more index page per callback in the batch.
alter table outbox drop constraint uk_outbox_event;
