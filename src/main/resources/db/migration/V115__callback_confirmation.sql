-- Unsigned callbacks (TapPay's backend notify) are confirmed by a gateway query made with the merchant's key; anyone
-- who can post to the callback URL and name an order could make the hub send such queries at will. The hub counts
-- the confirmations each order's callbacks asked for in the current hour (window_start: the first of that hour) and
-- sends none beyond the provider's cap; its own queries (the missed-notify poll, the ERP's) are not counted here.
create table callback_confirmation (
    provider       varchar(32)              not null,
    merchant       varchar(64)              not null,
    order_no       varchar(128)             not null,
    window_start   timestamp with time zone not null,
    confirmations  integer                  not null,
    constraint pk_callback_confirmation primary key (provider, merchant, order_no)
);
