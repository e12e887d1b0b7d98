insert into payment_operation_in_flight (provider, merchant, order_no, operation, amount_value, currency, issued_by,
                                         started_at)
values (:provider, :merchant, :orderNo, :operation, :amountValue, :currency, :issuedBy, :startedAt)
