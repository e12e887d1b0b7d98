select status, amount_value, source
  from ledger_journal
 where provider = :provider and merchant = :merchant and subject = :subject
   and event_type = 'tw.twpay.payment.v1' and outcome = 'APPLIED'
 order by id
