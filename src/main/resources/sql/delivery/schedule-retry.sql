-- A failed attempt that has retries left: the event goes back to the queue, due again after its back-off.
update outbox
   set failures = :failures, attempts = attempts + 1, last_error = :error, next_attempt_at = :nextAttemptAt,
       claimed_by = null, claimed_until = null
 where id = :id and claimed_by = :node and status = 'PENDING'
