-- Two index look-ups (ix_tappay_trade_rec_trade, uk_tappay_trade_bank_transaction) rather than one "a = ? or b = ?",
-- which H2 answers by reading every trade of the merchant: on the notify path that scan was a third of the CPU.
-- A trade found by TapPay's own id comes first.
select merchant, order_no, bank_transaction_id, rec_trade_id, last_refund_id, 1 as found_by
  from tappay_trade
 where rec_trade_id = :recTradeId
   and merchant = :merchant
union all
select merchant, order_no, bank_transaction_id, rec_trade_id, last_refund_id, 2 as found_by
  from tappay_trade
 where bank_transaction_id = :bankTransactionId
   and merchant = :merchant
 order by found_by
