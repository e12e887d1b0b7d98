-- PostgreSQL: the refunded totals of a chunk's partly refunded orders in one statement (see
-- find-refunded-total-of-order: the latest partial refund a gateway reported, commands left out)
select distinct on (subject) subject, amount_value, currency
  from ledger_journal
 where provider = ? and merchant = ? and subject = any (?)
   and event_type = 'tw.twpay.payment.v1' and outcome = 'APPLIED' and status = 'PARTIALLY_REFUNDED'
   and source <> 'COMMAND' and amount_value is not null
 order by subject, id desc
