select order_no, provider_trade_id
  from ledger_order
 where provider = :provider and merchant = :merchant
   and created_at >= :windowStart and created_at < :windowEnd
   and status not in ('PENDING', 'FAILED')
   and order_no > :afterOrderNo
 order by order_no
 limit :limit
