insert into callback_confirmation (provider, merchant, order_no, window_start, confirmations)
values (:provider, :merchant, :orderNo, :now, 1)
