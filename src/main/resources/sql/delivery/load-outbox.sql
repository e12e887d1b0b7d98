-- The CloudEvent JSON is the journal row's (rows queued before V108 carry their own copy)
select o.id, o.event_id, o.event_type, coalesce(o.payload, j.event_json) as payload, o.sequence_key, o.failures
  from outbox o
  left join ledger_journal j on j.id = o.journal_id
 where o.id in (:ids)
 order by o.id
