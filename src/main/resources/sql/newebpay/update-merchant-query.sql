update newebpay_merchant_query
   set window_start = :windowStart, queries = :queries, locked_until = :lockedUntil
 where merchant = :merchant
