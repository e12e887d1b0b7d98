delete from payment_operation_in_flight
 where provider = :provider
   and merchant = :merchant
   and order_no = :orderNo
   and started_at = :startedAt
