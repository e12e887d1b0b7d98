insert into ledger_journal (fact_key, event_id, event_type, provider, merchant, subject, status, amount_value,
                            currency, source, outcome, occurred_at, received_at, recorded_at, event_json, raw_payload,
                            issued_by)
values (:factKey, :eventId, :eventType, :provider, :merchant, :subject, :status, :amountValue,
        :currency, :source, :outcome, :occurredAt, :receivedAt, :recordedAt, :eventJson, :rawPayload, :issuedBy)
