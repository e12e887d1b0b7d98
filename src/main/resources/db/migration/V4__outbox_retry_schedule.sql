-- Delivery retries are scheduled in the outbox itself instead of inside one node's delivery loop, so an event the
-- ERP keeps refusing waits for its next attempt without holding up the events behind it, and a restart keeps the
-- schedule. failures counts the failed attempts since the event was queued or redriven: it sets the next back-off
-- and when the event is dead-lettered. sequence_key (provider:merchant:subject) keeps the events of one order or
-- card token in order: an event is not claimed while an earlier one with the same key waits for its retry or is
-- being delivered.
alter table outbox add column failures integer default 0 not null;
alter table outbox add column sequence_key varchar(300);
create index ix_outbox_sequence on outbox (sequence_key, status, id);
