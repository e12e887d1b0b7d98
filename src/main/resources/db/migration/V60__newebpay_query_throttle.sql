-- NewebPay locks a merchant's QueryTradeInfo for 4 hours (TRA10071) after too many "no such trade" (TRA10021)
-- answers within an hour. The hub therefore spaces the queries of each PENDING order (newebpay_order_query:
-- attempts so far and when it may be asked about again), caps a merchant's queries per hour and, when the gateway
-- locks it anyway, stops querying that merchant until the lock is over (newebpay_merchant_query).
create table newebpay_order_query (
    merchant       varchar(64)              not null,
    order_no       varchar(64)              not null,
    attempts       integer                  not null,
    next_query_at  timestamp with time zone not null,
    primary key (merchant, order_no)
);

create table newebpay_merchant_query (
    merchant       varchar(64)              not null primary key,
    window_start   timestamp with time zone not null,
    queries        integer                  not null,
    locked_until   timestamp with time zone
);
