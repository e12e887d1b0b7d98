-- Per sequence key (order), the oldest event not yet delivered that is not in the batch being claimed: pending and
-- due later (waiting for a retry), claimed or locked by another node, just redriven after this claim's window was
-- read, or dead-lettered and not redriven. Events of the same key after it must wait, so an order's events reach the
-- ERP in order even when one ran out of retries (they go on after its redrive). An index lookup per key
-- (ix_outbox_sequence), so it stays cheap however long the queue.
select sequence_key, min(id) as first_waiting
  from outbox
 where sequence_key in (:keys)
   and status in ('PENDING', 'DEAD')
   and id not in (:batch)
 group by sequence_key
