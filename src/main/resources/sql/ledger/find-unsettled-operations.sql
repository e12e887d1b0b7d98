select merchant, order_no
  from payment_operation_in_flight
 where provider = :provider
   and started_at <= :startedBefore
 order by started_at
 fetch first :limit rows only
