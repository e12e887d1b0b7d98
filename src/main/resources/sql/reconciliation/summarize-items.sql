select kind,
       coalesce(gateway_status, ledger_status) as status,
       coalesce(gateway_currency, ledger_currency) as currency,
       count(*) as items,
       sum(coalesce(gateway_amount, ledger_amount)) as amount
  from reconciliation_item
 where run_id = :runId
 group by kind, coalesce(gateway_status, ledger_status), coalesce(gateway_currency, ledger_currency)
