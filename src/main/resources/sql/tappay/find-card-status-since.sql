select updated_at
  from tappay_card
 where card_ref = :cardRef and merchant = :merchant
