-- The events of one id range that were delivered before the retention cut-off (twpay.delivery.retention). The journal
-- keeps every fact and its CloudEvent for good; only the delivery bookkeeping goes. An event a dead letter names
-- stays, so the dead-letter list can always show what it was.
delete from outbox
 where id >= :from
   and id < :to
   and status = 'DELIVERED'
   and delivered_at < :cutoff
   and not exists (select 1 from dead_letter d where d.outbox_id = outbox.id)
