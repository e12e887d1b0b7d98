-- Dead letters by the outbox row they name. Removing a delivered event from the outbox (twpay.delivery.retention)
-- asks whether a dead letter still names it: for the retention job's own check, and on PostgreSQL for the foreign
-- key's check of every deleted row, which without this index reads the whole dead-letter table per row.
create index ix_dead_letter_outbox on dead_letter (outbox_id);
