-- The operation as it stands (this very row: its start time), recorded with who released it, when and why.
insert into payment_operation_release (provider, merchant, order_no, operation, amount_value, currency, issued_by,
                                       started_at, released_by, released_at, reason)
select provider, merchant, order_no, operation, amount_value, currency, issued_by,
       started_at, :releasedBy, :releasedAt, :reason
  from payment_operation_in_flight
 where provider = :provider and merchant = :merchant and order_no = :orderNo and started_at = :startedAt
