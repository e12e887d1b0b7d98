-- One more confirmation of the order's hour, or the first of a new hour once the last one is over; no row updated
-- when the hour has used up its cap (or the order has no row yet). SET reads the row as it was before the update.
update callback_confirmation
   set confirmations = case when window_start <= :hourOver then 1 else confirmations + 1 end,
       window_start  = case when window_start <= :hourOver then :now else window_start end
 where provider = :provider
   and merchant = :merchant
   and order_no = :orderNo
   and (window_start <= :hourOver or confirmations < :cap)
