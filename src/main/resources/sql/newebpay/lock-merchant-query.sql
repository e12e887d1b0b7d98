select window_start, queries, locked_until
  from newebpay_merchant_query
 where merchant = :merchant
   for update
