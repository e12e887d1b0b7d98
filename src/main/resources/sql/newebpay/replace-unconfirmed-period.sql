update newebpay_unconfirmed_period
   set period = :period, received_at = :receivedAt
 where merchant = :merchant and trade_order_no = :tradeOrderNo
