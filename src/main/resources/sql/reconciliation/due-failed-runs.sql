select id from reconciliation_run where state = 'FAILED' and next_attempt_at <= :now order by next_attempt_at
