select id
  from outbox
 where status = 'PENDING'
   and next_attempt_at <= :now
   and (claimed_until is null or claimed_until < :now)
 order by id
 fetch first :limit rows only
   for update skip locked
