insert into outbox (event_id, event_type, payload, sequence_key, status, attempts, failures, next_attempt_at, created_at)
values (:eventId, :eventType, :payload, :sequenceKey, 'PENDING', 0, 0, :now, :now)
