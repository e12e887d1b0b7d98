select card_ref
  from tappay_card
 where merchant = :merchant and card_token_digest in (:digests)
