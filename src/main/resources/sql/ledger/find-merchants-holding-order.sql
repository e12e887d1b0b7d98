-- The merchants (aliases) among :merchants that hold an order of this number
select merchant
  from ledger_order
 where provider = :provider and merchant in (:merchants) and order_no = :orderNo
