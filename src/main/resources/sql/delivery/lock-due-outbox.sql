-- Locks the candidates of one window that are still due; rows another node is claiming right now are skipped.
select id
  from outbox
 where id in (:ids)
   and status = 'PENDING'
   and next_attempt_at <= :now
   and (claimed_until is null or claimed_until < :now)
 order by id
 fetch first :limit rows only
   for update skip locked
