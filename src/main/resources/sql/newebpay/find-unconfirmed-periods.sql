select merchant, trade_order_no, period, received_at
  from newebpay_unconfirmed_period
 where received_at >= :giveUpBefore and received_at <= :overdueBefore
 order by received_at
 limit :batch
