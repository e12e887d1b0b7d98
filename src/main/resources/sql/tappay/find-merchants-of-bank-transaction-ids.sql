-- The alias of each of these bank_transaction_ids the hub chose (whatever alias paid it)
select bank_transaction_id, merchant
  from tappay_trade
 where bank_transaction_id in (:bankTransactionIds)
