select provider, merchant, token_ref, status, card_bin6, card_last4, expiry, remaining_times, last_event_id,
       created_at, updated_at
  from card_token
 where provider = :provider and merchant = :merchant and token_ref = :tokenRef
