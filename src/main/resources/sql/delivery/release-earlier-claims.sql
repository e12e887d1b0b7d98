-- At start-up: the claims this node (same node id) still held when it stopped or crashed. A claim taken by the
-- running process ends at least one lease after its start, so only the earlier process's claims match.
update outbox
   set claimed_by = null, claimed_until = null
 where claimed_by = :node
   and status = 'PENDING'
   and claimed_until < :startedPlusLease
