-- The repairs journalled under the given fact keys since a run first started (an earlier attempt of the run stored
-- them): whether the order was in the ledger before the repair (a repair that created it has the order's creation
-- time), and the order's status just before it, i.e. the last status applied to the order before the repair row.
select r.fact_key, r.event_id,
       case when exists (select 1
                           from ledger_order o
                          where o.provider = r.provider and o.merchant = r.merchant and o.order_no = r.subject
                            and o.created_at < r.recorded_at) then 1 else 0 end as order_existed,
       (select p.status
          from ledger_journal p
         where p.provider = r.provider and p.merchant = r.merchant and p.subject = r.subject
           and p.event_type = 'tw.twpay.payment.v1' and p.outcome = 'APPLIED' and p.id < r.id
         order by p.id desc
         fetch first 1 row only) as status_before
  from ledger_journal r
 where r.fact_key in (:factKeys) and r.source = 'RECONCILIATION' and r.recorded_at >= :since
