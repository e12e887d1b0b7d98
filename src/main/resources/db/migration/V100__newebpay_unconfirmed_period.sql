-- NDNP Period notifies (mandate creation, period charges) that the hub could not confirm with QueryTradeInfo when they
-- arrived (gateway unreachable, query cap or lock, not yet known to the query): nothing was stored for them. The
-- missed-notify poll asks again with the same per-order pauses and per-merchant cap as for NDNF orders, and stores the
-- notify once the gateway confirms it. The Period field is kept as it came, encrypted with the merchant's keys.
create table newebpay_unconfirmed_period (
    merchant        varchar(64)              not null,
    trade_order_no  varchar(64)              not null,
    period          text                     not null,
    received_at     timestamp with time zone not null,
    primary key (merchant, trade_order_no)
);
