update reconciliation_run
   set heartbeat_at = :now, records_read = :recordsRead, matched = :matched, repaired = :repaired,
       discrepancies = :discrepancies
 where id = :id and node = :node and state = 'RUNNING'
