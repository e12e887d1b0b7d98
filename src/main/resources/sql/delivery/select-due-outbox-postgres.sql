-- select-due-outbox in PostgreSQL's form. Its index (V111) is on the expression id + 0 over pending events only, and
-- the window is read by that expression, so the pending-events index is the one way to read it in order. With the
-- plain id, once the driver prepared the statement PostgreSQL could switch to a generic plan that walks the primary
-- key from the window's start through every event already delivered (35 ms instead of 0.04 ms with 185,000 of them;
-- in the notify benchmark a poll took 48 ms and the server twice its CPU per callback).
select id, sequence_key
  from outbox
 where status = 'PENDING'
   and id + 0 > :after
   and next_attempt_at <= :now
   and (claimed_until is null or claimed_until < :now)
 order by id + 0
 fetch first :limit rows only
