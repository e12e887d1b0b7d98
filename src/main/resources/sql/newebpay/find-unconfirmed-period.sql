select period
  from newebpay_unconfirmed_period
 where merchant = :merchant and trade_order_no = :tradeOrderNo
