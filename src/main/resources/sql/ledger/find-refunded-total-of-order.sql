-- H2: one prepared point query per partly refunded order, in the journal's subject index. The ledger's refunded total
-- is the amount of the latest partial refund a gateway reported: a query's, callback's or reconciliation's refund
-- fact carries what has been refunded in all, a command's only the part it asked for, so commands are left out.
select subject, amount_value, currency
  from ledger_journal
 where provider = ? and merchant = ? and subject = ?
   and event_type = 'tw.twpay.payment.v1' and outcome = 'APPLIED' and status = 'PARTIALLY_REFUNDED'
   and source <> 'COMMAND' and amount_value is not null
 order by id desc
 fetch first 1 row only
