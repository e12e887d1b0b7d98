-- H2 only (spring.flyway.locations: db/vendor/{vendor}). H2 writes an identity's sequence to its file, in a durable
-- commit of its own, every time the sequence's cache runs out (32 values by default): with WRITE_DELAY=0 that was one
-- extra file write for every 32 journal rows and every 32 outbox rows, inside the callbacks' own inserts. H2 hands
-- out the values of its one sequence per table in order, cached or not, so the ids keep the order of the inserts; a
-- crash leaves a gap, which nothing reads as meaningful.
-- Not on PostgreSQL: there each connection caches its own block, so ids of one order's events inserted through two
-- connections could come out of order, and the outbox delivers an order's events in id order.
alter table ledger_journal alter column id set cache 1000;
alter table outbox alter column id set cache 1000;
