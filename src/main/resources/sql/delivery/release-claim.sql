-- This node gives an event back without attempting it (an earlier event of its order failed, or lost its claim, in
-- the same batch).
update outbox set claimed_by = null, claimed_until = null where id = :id and claimed_by = :node and status = 'PENDING'
