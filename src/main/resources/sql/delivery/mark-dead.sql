update outbox
   set status = 'DEAD', attempts = attempts + :attempts, last_error = :error,
       claimed_by = null, claimed_until = null
 where id = :id and status = 'PENDING'
