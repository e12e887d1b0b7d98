-- After an outage of the ledger database: the events of the batch this node abandoned, claimed and not settled.
update outbox set claimed_by = null, claimed_until = null where claimed_by = :node and status = 'PENDING'
