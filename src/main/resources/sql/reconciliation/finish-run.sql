update reconciliation_run
   set state = 'DONE', running_key = null, heartbeat_at = :now, finished_at = :now, records_read = :recordsRead,
       matched = :matched, repaired = :repaired, discrepancies = :discrepancies, summary_json = :summaryJson,
       last_error = null, next_attempt_at = null
 where id = :id and node = :node and state = 'RUNNING'
