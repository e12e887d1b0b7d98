-- Locks the candidates of one window that are still due (and not behind an earlier event of their order that is
-- waiting); rows another node is claiming right now are skipped.
select o.id
  from outbox o
 where o.id in (:ids)
   and o.status = 'PENDING'
   and o.next_attempt_at <= :now
   and (o.claimed_until is null or o.claimed_until < :now)
   and not exists (select 1
                     from outbox earlier
                    where earlier.sequence_key = o.sequence_key
                      and earlier.status = 'PENDING'
                      and earlier.id < o.id
                      and (earlier.next_attempt_at > :now or earlier.claimed_until >= :now))
 order by o.id
 fetch first :limit rows only
   for update skip locked
