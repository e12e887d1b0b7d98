select status, amount_value, currency, created_by_hub
  from ledger_order
 where provider = :provider and merchant = :merchant and order_no = :orderNo
   for update
