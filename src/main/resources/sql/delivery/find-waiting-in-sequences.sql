-- Per sequence key (order), the oldest event that is not free to go now: pending and due later (waiting for a
-- retry) or claimed by a node, or dead-lettered and not redriven. Events of the same key after it must wait, so an
-- order's events reach the ERP in order even when one ran out of retries (they go on after its redrive). An index
-- lookup per key (ix_outbox_sequence), so it stays cheap however long the queue.
select sequence_key, min(id) as first_waiting
  from outbox
 where sequence_key in (:keys)
   and (status = 'DEAD' or (status = 'PENDING' and (next_attempt_at > :now or claimed_until >= :now)))
 group by sequence_key
