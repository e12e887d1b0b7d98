select status from card_token
 where provider = :provider and merchant = :merchant and token_ref = :tokenRef
   for update
