update tappay_trade
   set rec_trade_id = :recTradeId
 where merchant = :merchant and order_no = :orderNo and (rec_trade_id is null or rec_trade_id = :recTradeId)
