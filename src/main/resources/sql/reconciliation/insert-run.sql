insert into reconciliation_run (id, provider, merchant, window_from, window_to, source, input_ref, trigger_kind, state,
                                running_key, node, heartbeat_at, attempts, next_attempt_at, records_read, matched,
                                repaired, discrepancies, created_at)
values (:id, :provider, :merchant, :windowFrom, :windowTo, :source, :inputRef, :trigger, 'RUNNING',
        :runningKey, null, :now, 0, null, 0, 0, 0, 0, :now)
