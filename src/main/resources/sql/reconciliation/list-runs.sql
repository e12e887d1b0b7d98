select id, provider, merchant, window_from, window_to, source, input_ref, trigger_kind, state, node, heartbeat_at,
       attempts, next_attempt_at, records_read, matched, repaired, discrepancies, created_at, started_at,
       finished_at, last_error, summary_json
  from reconciliation_run
 where (cast(:provider as varchar(32)) is null or provider = :provider)
   and (cast(:merchant as varchar(64)) is null or merchant = :merchant)
   and (cast(:date as date) is null or (window_from <= :date and window_to >= :date))
   and (cast(:state as varchar(16)) is null or state = :state)
 order by created_at desc, id
 limit :limit
