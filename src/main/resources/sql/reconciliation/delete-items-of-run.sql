delete from reconciliation_item where run_id = :runId
