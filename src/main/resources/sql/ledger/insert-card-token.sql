insert into card_token (provider, merchant, token_ref, status, card_bin6, card_last4, expiry, remaining_times,
                        last_event_id, created_at, updated_at)
values (:provider, :merchant, :tokenRef, :status, :cardBin6, :cardLast4, :expiry, :remainingTimes,
        :eventId, :now, :now)
