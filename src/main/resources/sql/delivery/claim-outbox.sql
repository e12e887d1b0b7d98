update outbox set claimed_by = :node, claimed_until = :claimedUntil where id in (:ids)
