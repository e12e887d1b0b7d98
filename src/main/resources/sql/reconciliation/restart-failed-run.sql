update reconciliation_run
   set state = 'RUNNING', running_key = :runningKey, node = null, heartbeat_at = :now, next_attempt_at = null,
       finished_at = null
 where id = :id and state = 'FAILED' and next_attempt_at <= :now
