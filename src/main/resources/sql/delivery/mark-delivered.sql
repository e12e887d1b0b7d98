-- The events of a batch the ERP accepted, while this node still holds them (held rows are always PENDING). Kept to
-- the primary key: a status condition here makes H2 walk every pending row through the (status, id) index.
update outbox
   set status = 'DELIVERED', delivered_at = :now, attempts = attempts + 1,
       claimed_by = null, claimed_until = null, last_error = null
 where id in (:ids) and claimed_by = :node
