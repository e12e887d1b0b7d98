select id from reconciliation_run where state = 'RUNNING' and heartbeat_at < :staleBefore order by created_at
