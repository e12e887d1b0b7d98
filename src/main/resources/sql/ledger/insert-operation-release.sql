insert into payment_operation_release (provider, merchant, order_no, operation, amount_value, currency, issued_by,
                                       started_at, released_by, released_at, reason)
values (:provider, :merchant, :orderNo, :operation, :amountValue, :currency, :issuedBy,
        :startedAt, :releasedBy, :releasedAt, :reason)
