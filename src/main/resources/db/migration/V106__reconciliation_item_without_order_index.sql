-- Every judged record of a run is an item; an index on (run_id, order_no) put each of them in a random place of a
-- B-tree, and H2 rewrote about one index page per item at the chunk's commit. The orders of the window no record
-- matched are now found without it (a hash anti-join on PostgreSQL, the run's order numbers gathered once on H2).
drop index ix_reconciliation_item_order;
