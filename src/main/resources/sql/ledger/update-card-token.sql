update card_token
   set status          = :status,
       card_bin6       = coalesce(:cardBin6, card_bin6),
       card_last4      = coalesce(:cardLast4, card_last4),
       expiry          = coalesce(:expiry, expiry),
       remaining_times = coalesce(:remainingTimes, remaining_times),
       last_event_id   = :eventId,
       updated_at      = :now
 where provider = :provider and merchant = :merchant and token_ref = :tokenRef
