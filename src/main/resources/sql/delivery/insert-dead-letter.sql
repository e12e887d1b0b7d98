insert into dead_letter (outbox_id, event_id, event_type, attempts, last_error, dead_at)
select id, event_id, event_type, :failures, :error, :now from outbox where id = :id
