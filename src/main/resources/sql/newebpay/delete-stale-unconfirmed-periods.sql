delete from newebpay_unconfirmed_period where received_at < :giveUpBefore
