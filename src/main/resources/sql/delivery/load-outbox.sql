select id, event_id, event_type, payload from outbox where id in (:ids) order by id
