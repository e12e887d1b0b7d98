update outbox
   set status = 'DEAD', failures = :failures, attempts = attempts + 1, last_error = :error,
       claimed_by = null, claimed_until = null
 where id = :id and claimed_by = :node and status = 'PENDING'
