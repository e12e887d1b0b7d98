update reconciliation_run
   set state = 'FAILED', running_key = null, heartbeat_at = :now, finished_at = :now, last_error = :lastError,
       next_attempt_at = :nextAttemptAt
 where id = :id and node = :node and state = 'RUNNING'
