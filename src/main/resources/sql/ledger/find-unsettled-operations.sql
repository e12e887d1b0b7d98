select merchant, order_no
  from payment_operation_in_flight
 where provider = :provider
   and started_at <= :startedBefore
   and started_at >= :startedAfter
 order by started_at
 fetch first :limit rows only
