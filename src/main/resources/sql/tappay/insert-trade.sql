insert into tappay_trade (merchant, order_no, bank_transaction_id, created_at)
values (:merchant, :orderNo, :bankTransactionId, :now)
