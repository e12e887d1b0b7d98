-- Locks the order and, in the same round trip, tells whether this very fact is already journalled (a payment fact
-- is only ever journalled together with its order row, so no order row means a new fact).
select status, amount_value, currency, (select count(*) from ledger_journal where fact_key = :factKey) as fact_known
  from ledger_order
 where provider = :provider and merchant = :merchant and order_no = :orderNo
   for update
