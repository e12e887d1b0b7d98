select count(*) from ledger_journal where fact_key = :factKey
