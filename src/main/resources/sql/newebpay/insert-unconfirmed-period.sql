insert into newebpay_unconfirmed_period (merchant, trade_order_no, period, received_at)
values (:merchant, :tradeOrderNo, :period, :receivedAt)
