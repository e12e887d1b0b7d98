-- Claims walk the pending events in id order (oldest first) and stop after one batch, so the index they need is
-- (status, id). The former (status, next_attempt_at) index made every claim read and sort the whole backlog.
drop index ix_outbox_due;
create index ix_outbox_pending on outbox (status, id);
