-- The matcher looks a gateway record's order up by the provider's trade id and reads only the columns it compares.
-- With those columns in the trade-id index the look-up reads one index page instead of an index page and then the
-- order's row in the table: on H2 a scrambled day of a million records read and decoded a table page per key, half of
-- the run's time (BENCHMARKS.md (d)). The index replaces the narrower one; the same columns, in the same order, lead.
drop index ix_ledger_order_trade;
create index ix_ledger_order_trade on ledger_order (provider, merchant, provider_trade_id, order_no, status,
                                                    amount_value, currency, merchant_id);
