-- When a payment operation's call ended without a known outcome (timeout, 5xx, an untrusted answer, a failed ledger
-- write after it). A query settles an operation only settle-unknown-after from then, never while its call may still be
-- running; an operation whose node died mid-call (no time written) is settled once its call cannot be running any more.
alter table payment_operation_in_flight add column outcome_unknown_since timestamp with time zone;
