select merchant, order_no, bank_transaction_id, rec_trade_id, last_refund_id
  from tappay_trade
 where merchant = :merchant
   and (rec_trade_id = :recTradeId or bank_transaction_id = :bankTransactionId)
