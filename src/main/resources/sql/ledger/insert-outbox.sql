insert into outbox (event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
values (:eventId, :eventType, :payload, 'PENDING', 0, :now, :now)
