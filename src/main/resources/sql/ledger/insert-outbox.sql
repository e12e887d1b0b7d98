insert into outbox (event_id, event_type, journal_id, sequence_key, status, attempts, failures, next_attempt_at,
                    created_at)
values (:eventId, :eventType, :journalId, :sequenceKey, 'PENDING', 0, 0, :now, :now)
