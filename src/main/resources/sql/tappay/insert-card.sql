insert into tappay_card (card_ref, merchant, card_key_sealed, card_token_sealed, card_bin6, card_last4, expiry, status,
                         created_at, updated_at)
values (:cardRef, :merchant, :cardKeySealed, :cardTokenSealed, :cardBin6, :cardLast4, :expiry, :status, :now, :now)
