-- A merchant's order numbers matching a LIKE pattern ('\' escapes): a mandate's period charges are its orders
-- <mandate>_<n>
select order_no
  from ledger_order
 where provider = :provider and merchant = :merchant and order_no like :pattern escape '\'
 limit 100
