select operation, amount_value, currency, started_at
  from payment_operation_in_flight
 where provider = :provider
   and merchant = :merchant
   and order_no = :orderNo
