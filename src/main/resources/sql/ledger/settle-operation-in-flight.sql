-- An operation a query may settle: its call ended without a known outcome long enough ago, or (its node died during
-- the call) it started so long ago that its call cannot be running any more.
delete from payment_operation_in_flight
 where provider = :provider
   and merchant = :merchant
   and order_no = :orderNo
   and (outcome_unknown_since <= :unknownBefore or started_at <= :abandonedBefore)
