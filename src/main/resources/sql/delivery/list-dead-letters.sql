select d.id, d.outbox_id, d.event_id, d.event_type, d.attempts, d.last_error, d.dead_at, d.redriven_at
  from dead_letter d
 where (:includeRedriven = true or d.redriven_at is null)
   and d.id > :afterId
 order by d.id
 fetch first :limit rows only
