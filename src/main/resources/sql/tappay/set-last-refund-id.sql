update tappay_trade
   set last_refund_id = :refundId
 where merchant = :merchant and order_no = :orderNo
