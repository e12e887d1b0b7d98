select count(*) from reconciliation_run
 where provider = :provider and merchant = :merchant and window_from = :windowFrom and window_to = :windowTo
   and source = :source and (state in ('RUNNING', 'DONE') or next_attempt_at is not null)
