-- PostgreSQL, the last part of a statement that journals a fact (its "journal" part returns the journal row's id):
-- the fact's outbox row. Values selected rather than inserted directly are cast to their column's type, so that a
-- null parameter is not taken for text.
insert into outbox (event_id, event_type, journal_id, sequence_key, status, attempts, failures, next_attempt_at,
                    created_at)
select cast(:eventId as varchar), cast(:eventType as varchar), journal.id, cast(:sequenceKey as varchar), 'PENDING',
       0, 0, cast(:now as timestamptz), cast(:now as timestamptz)
  from journal
