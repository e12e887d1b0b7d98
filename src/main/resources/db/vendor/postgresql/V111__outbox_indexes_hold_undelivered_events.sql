-- PostgreSQL only (H2 has no partial indexes). The outbox's two status indexes hold only the events still to be
-- delivered, which are all the poller and the order-sequence check ever look up (status = 'PENDING', or PENDING and
-- DEAD per order): a delivered event's row gets no entry in them, so recording a batch as delivered writes one index
-- entry per event (the primary key's) instead of three, and the indexes stay the size of the backlog instead of
-- growing with every event ever delivered.
-- The pending events' index is on id + 0, which is how the poller's window query (select-due-outbox-postgres) reads
-- it: so that the primary key, also in id order, can never be chosen to walk the window through every delivered event.
drop index ix_outbox_pending;
create index ix_outbox_pending on outbox ((id + 0)) where status = 'PENDING';
drop index ix_outbox_sequence;
create index ix_outbox_sequence on outbox (sequence_key, status, id) where status in ('PENDING', 'DEAD');
