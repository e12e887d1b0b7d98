package tw.twpay.hub.reconciliation;

import tw.twpay.hub.canonical.Money;

/** The discrepancy list as CSV (RFC 4180) for a finance team's spreadsheet. */
final class DiscrepancyCsv {

    static final String HEADER = "item_id,kind,order_no,provider_trade_id,gateway_status,gateway_amount,"
            + "gateway_currency,gateway_time,provider_status,ledger_status,ledger_amount,ledger_currency,"
            + "repair_outcome,resolved_at,resolved_by,resolution_note\r\n";

    private DiscrepancyCsv() {
    }

    static void append(StringBuilder csv, ReconciliationItem item) {
        Money gateway = item.gatewayAmount();
        Money ledger = item.ledgerAmount();
        ReconciliationItem.Resolution resolution = item.resolution();
        field(csv, String.valueOf(item.id()), false);
        field(csv, item.kind().name(), false);
        field(csv, item.orderNo(), false);
        field(csv, item.providerTradeId(), false);
        field(csv, item.gatewayStatus(), false);
        field(csv, gateway == null ? null : gateway.text(), false);
        field(csv, gateway == null ? null : gateway.currency(), false);
        field(csv, item.gatewayTime() == null ? null : item.gatewayTime().toString(), false);
        field(csv, item.providerStatus(), false);
        field(csv, item.ledgerStatus(), false);
        field(csv, ledger == null ? null : ledger.text(), false);
        field(csv, ledger == null ? null : ledger.currency(), false);
        field(csv, item.repairOutcome(), false);
        field(csv, resolution == null ? null : resolution.resolvedAt().toString(), false);
        field(csv, resolution == null ? null : resolution.resolvedBy(), false);
        field(csv, resolution == null ? null : resolution.note(), true);
    }

    private static void field(StringBuilder csv, String value, boolean last) {
        if (value != null) {
            // a leading = + - @ would make a spreadsheet run the cell as a formula
            String safe = value.matches("^[=+\\-@].*") && !value.matches("^-?\\d.*") ? "'" + value : value;
            if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
                csv.append('"').append(safe.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(safe);
            }
        }
        csv.append(last ? "\r\n" : ",");
    }
}
