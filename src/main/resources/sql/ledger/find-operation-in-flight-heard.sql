-- One order's standing operation, with when the gateway was last heard about the order since it started (see
-- list-operations-in-flight).
select o.operation, o.amount_value, o.currency, o.issued_by, o.started_at, o.outcome_unknown_since,
       (select max(j.recorded_at)
          from ledger_journal j
         where j.provider = o.provider and j.merchant = o.merchant and j.subject = o.order_no
           and j.event_type = 'tw.twpay.payment.v1' and j.source <> 'COMMAND'
           and j.recorded_at >= o.started_at) as gateway_heard_at
  from payment_operation_in_flight o
 where o.provider = :provider and o.merchant = :merchant and o.order_no = :orderNo
