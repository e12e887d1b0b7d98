update tappay_card
   set status     = :status,
       expiry     = coalesce(:expiry, expiry),
       updated_at = :now
 where card_ref = :cardRef and merchant = :merchant
