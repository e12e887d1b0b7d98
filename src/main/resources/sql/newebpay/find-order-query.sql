select attempts, next_query_at
  from newebpay_order_query
 where merchant = :merchant and order_no = :orderNo
