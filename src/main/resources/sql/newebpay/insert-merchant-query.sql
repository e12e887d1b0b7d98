insert into newebpay_merchant_query (merchant, window_start, queries, locked_until)
values (:merchant, :windowStart, :queries, :lockedUntil)
