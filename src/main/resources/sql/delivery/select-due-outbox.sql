-- One window of due candidates past a given id, in id order, without locking: the (status, id) index walks them in
-- order and stops after one window (a FOR UPDATE here would make H2 scan every pending row first).
-- An event waits while an earlier one of its order (same sequence key) is due later or claimed by a node.
select o.id
  from outbox o
 where o.status = 'PENDING'
   and o.id > :after
   and o.next_attempt_at <= :now
   and (o.claimed_until is null or o.claimed_until < :now)
   and not exists (select 1
                     from outbox earlier
                    where earlier.sequence_key = o.sequence_key
                      and earlier.status = 'PENDING'
                      and earlier.id < o.id
                      and (earlier.next_attempt_at > :now or earlier.claimed_until >= :now))
 order by o.status, o.id
 fetch first :limit rows only
