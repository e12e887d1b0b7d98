update tappay_trade
   set created_at = :now
 where merchant = :merchant and order_no = :orderNo and rec_trade_id is null and created_at < :claimedBefore
