update outbox
   set status = 'PENDING', failures = 0, next_attempt_at = :now, claimed_by = null, claimed_until = null
 where id = (select outbox_id from dead_letter where id = :id) and status = 'DEAD'
