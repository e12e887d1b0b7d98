-- The payment operations standing, oldest first, each with when the gateway was last heard about its order since it
-- started (a query's, callback's or reconciliation's fact, whatever the ledger made of it), or null.
select o.provider, o.merchant, o.order_no, o.operation, o.amount_value, o.currency, o.issued_by, o.started_at,
       o.outcome_unknown_since,
       (select max(j.recorded_at)
          from ledger_journal j
         where j.provider = o.provider and j.merchant = o.merchant and j.subject = o.order_no
           and j.event_type = 'tw.twpay.payment.v1' and j.source <> 'COMMAND'
           and j.recorded_at >= o.started_at) as gateway_heard_at
  from payment_operation_in_flight o
 order by o.started_at, o.provider, o.merchant, o.order_no
 fetch first :limit rows only
