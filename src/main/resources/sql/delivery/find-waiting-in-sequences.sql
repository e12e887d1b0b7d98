-- Per sequence key (order), the oldest pending event that is not free to go now: due later (waiting for a retry) or
-- claimed by a node. Events of the same key after it must wait. An index lookup per key (ix_outbox_sequence), so it
-- stays cheap however long the queue.
select sequence_key, min(id) as first_waiting
  from outbox
 where sequence_key in (:keys)
   and status = 'PENDING'
   and (next_attempt_at > :now or claimed_until >= :now)
 group by sequence_key
