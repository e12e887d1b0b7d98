select id, provider, merchant, window_from, window_to, source, input_ref, trigger_kind, state, node, heartbeat_at,
       attempts, next_attempt_at, records_read, matched, repaired, discrepancies, created_at, started_at,
       finished_at, last_error, summary_json
  from reconciliation_run
 where id = :id
