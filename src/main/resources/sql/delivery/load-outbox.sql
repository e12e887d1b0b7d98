select id, event_id, event_type, payload, sequence_key, failures from outbox where id in (:ids) order by id
