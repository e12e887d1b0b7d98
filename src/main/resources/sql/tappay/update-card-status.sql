update tappay_card
   set updated_at = case when status = :status and coalesce(expiry, '') = coalesce(:expiry, expiry, '')
                         then updated_at else :now end,
       status     = :status,
       expiry     = coalesce(:expiry, expiry)
 where card_ref = :cardRef and merchant = :merchant
