select merchant, order_no
  from ledger_order
 where provider = :provider
   and status = 'PENDING'
   and created_at <= :createdBefore
   and created_at >= :createdAfter
 order by created_at
 fetch first :limit rows only
