-- The events of a batch the ERP accepted, in one statement
update outbox
   set status = 'DELIVERED', delivered_at = :now, attempts = attempts + 1,
       claimed_by = null, claimed_until = null, last_error = null
 where id in (:ids) and status = 'PENDING'
