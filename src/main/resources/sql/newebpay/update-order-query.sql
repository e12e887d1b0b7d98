update newebpay_order_query
   set attempts = :attempts, next_query_at = :nextQueryAt
 where merchant = :merchant and order_no = :orderNo
