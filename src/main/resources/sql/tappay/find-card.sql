select card_ref, merchant, card_key_sealed, card_token_sealed, card_bin6, card_last4, expiry, status
  from tappay_card
 where card_ref = :cardRef and merchant = :merchant
