-- Operations a query may settle (see settle-operation-in-flight), started within the give-up time.
select merchant, order_no
  from payment_operation_in_flight
 where provider = :provider
   and (outcome_unknown_since <= :unknownBefore or started_at <= :abandonedBefore)
   and started_at >= :startedAfter
 order by started_at
 fetch first :limit rows only
