-- A payment operation (cancel, capture, refund and their withdrawals) between the hub and the gateway: written and
-- committed before the call, removed once the gateway's answer is read. One whose outcome stayed unknown (timeout,
-- connection lost, 5xx, a failed write after it) stays until a later query of the gateway has settled the order, and
-- meanwhile the order takes no other operation: the primary key allows one per order, so nothing is sent twice.
create table payment_operation_in_flight (
    provider       varchar(32)              not null,
    merchant       varchar(64)              not null,
    order_no       varchar(128)             not null,
    operation      varchar(32)              not null,
    amount_value   decimal(19, 4),
    currency       varchar(3),
    issued_by      varchar(128),
    started_at     timestamp with time zone not null,
    constraint pk_payment_operation_in_flight primary key (provider, merchant, order_no)
);
