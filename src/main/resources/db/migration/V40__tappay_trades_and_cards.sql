-- TapPay (provider/tappay). Runs unchanged on H2 (embedded default) and PostgreSQL (production).

-- One row per Pay by Prime / Pay by Card Token attempt: the order it pays and the ids TapPay knows it by.
-- bank_transaction_id is set by the hub before the call (so a lost answer can be looked up with Record instead of
-- paying again); rec_trade_id once TapPay told it. The primary key refuses a second payment of one order.
create table tappay_trade (
    merchant             varchar(64)  not null,
    order_no             varchar(128) not null,
    bank_transaction_id  varchar(40)  not null,
    rec_trade_id         varchar(64),
    last_refund_id       varchar(64),
    created_at           timestamp with time zone not null,
    constraint pk_tappay_trade primary key (merchant, order_no),
    constraint uk_tappay_trade_bank_transaction unique (bank_transaction_id)
);
create index ix_tappay_trade_rec_trade on tappay_trade (rec_trade_id);

-- Stored cards: TapPay's card_key and card_token, AES-GCM encrypted with twpay.providers.tappay.card-secret-key.
-- The ERP only ever sees card_ref. card_token_digest (HMAC-SHA256 under a key derived from the same secret) finds
-- the card a TapPay card notify names without storing the token in the clear.
create table tappay_card (
    card_ref           varchar(64)   not null,
    merchant           varchar(64)   not null,
    card_key_sealed    varchar(512)  not null,
    card_token_sealed  varchar(512)  not null,
    card_token_digest  varchar(64)   not null,
    card_bin6          varchar(6),
    card_last4         varchar(4),
    expiry             varchar(7),
    status             varchar(32)   not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    constraint pk_tappay_card primary key (card_ref)
);
create index ix_tappay_card_token_digest on tappay_card (card_token_digest);
