insert into tappay_card (card_ref, merchant, card_key_sealed, card_token_sealed, card_token_digest, card_bin6,
                         card_last4, expiry, status, created_at, updated_at)
values (:cardRef, :merchant, :cardKeySealed, :cardTokenSealed, :cardTokenDigest, :cardBin6, :cardLast4, :expiry,
        :status, :now, :now)
