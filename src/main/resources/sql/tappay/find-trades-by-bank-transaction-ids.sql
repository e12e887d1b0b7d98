select merchant, order_no, bank_transaction_id, rec_trade_id, last_refund_id
  from tappay_trade
 where merchant = :merchant
   and bank_transaction_id in (:bankTransactionIds)
