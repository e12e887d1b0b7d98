-- Whether the order has a row, without locking it: a plain query that H2 keeps prepared (it parses every
-- SELECT … FOR UPDATE again), so the first fact of a new order — most callbacks — needs no lock-order parse.
select count(*) from ledger_order where provider = :provider and merchant = :merchant and order_no = :orderNo
