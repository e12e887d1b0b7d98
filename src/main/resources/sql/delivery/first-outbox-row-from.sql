-- Where the retention job's next id range starts: the first outbox row at or after an id, and when it was queued.
select id, created_at
  from outbox
 where id >= :from
 order by id
 fetch first 1 rows only
