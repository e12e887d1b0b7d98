update payment_operation_in_flight
   set outcome_unknown_since = :now
 where provider = :provider
   and merchant = :merchant
   and order_no = :orderNo
   and started_at = :startedAt
