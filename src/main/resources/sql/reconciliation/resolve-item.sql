update reconciliation_item
   set resolved_at = :now, resolved_by = :resolvedBy, resolution_note = :note
 where id = :id and run_id = :runId and kind <> 'MATCHED' and resolved_at is null
