update reconciliation_run
   set node = :node, heartbeat_at = :now, started_at = coalesce(started_at, :now), attempts = attempts + 1,
       records_read = 0, matched = 0, repaired = 0, discrepancies = 0
 where id = :id and state = 'RUNNING' and (node is null or heartbeat_at < :staleBefore)
