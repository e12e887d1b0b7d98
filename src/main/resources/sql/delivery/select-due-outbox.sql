-- One window of due candidates past a given id, in id order, without locking: the (status, id) index walks them in
-- order and stops after one window (a FOR UPDATE here would make H2 scan every pending row first).
select id, sequence_key
  from outbox
 where status = 'PENDING'
   and id > :after
   and next_attempt_at <= :now
   and (claimed_until is null or claimed_until < :now)
 order by status, id
 fetch first :limit rows only
