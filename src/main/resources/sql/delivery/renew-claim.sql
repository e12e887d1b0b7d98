update outbox
   set claimed_until = :claimedUntil
 where id = :id and claimed_by = :node and status = 'PENDING'
