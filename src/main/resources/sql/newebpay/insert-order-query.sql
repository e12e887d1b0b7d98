insert into newebpay_order_query (merchant, order_no, attempts, next_query_at)
values (:merchant, :orderNo, :attempts, :nextQueryAt)
