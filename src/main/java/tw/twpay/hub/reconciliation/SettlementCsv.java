package tw.twpay.hub.reconciliation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The settlement-file format the hub reads (UTF-8, comma-separated, RFC 4180 quotes, a header row naming the
 * columns in any order). Required: {@code order_no}, {@code trade_no}, {@code status}, {@code amount}; optional:
 * {@code currency} (default TWD), {@code time} ({@code yyyy-MM-dd HH:mm:ss}, Asia/Taipei), {@code provider_status},
 * {@code refunded} (what has been refunded of the trade in all, same currency). {@code status} is a canonical status
 * (AUTHORIZED, CAPTURED, REFUNDED, ...). Any other column is refused by name, so a file in another layout is never
 * half-read. A line is one settled operation: a ledger that has moved on from it agrees with it.
 */
public final class SettlementCsv {

    public static final List<String> REQUIRED = List.of("order_no", "trade_no", "status", "amount");
    public static final List<String> OPTIONAL = List.of("currency", "time", "provider_status", "refunded");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SettlementCsv() {
    }

    /** Reads the header; 400 naming the unknown or missing columns. */
    public static Map<String, Integer> header(String line) {
        if (line == null) {
            throw RejectedRequestException.badRequest("the settlement file is empty: a header row is required");
        }
        List<String> names = split(line.startsWith("\uFEFF") ? line.substring(1) : line);
        Map<String, Integer> columns = new HashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim().toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                unknown.add(names.get(i).trim());
            } else if (columns.put(name, i) != null) {
                throw RejectedRequestException.badRequest("settlement file column " + name + " appears twice");
            }
        }
        if (!unknown.isEmpty()) {
            throw RejectedRequestException.badRequest("settlement file columns not supported: " + unknown
                    + "; supported are " + REQUIRED + " (required) and " + OPTIONAL + " (optional)");
        }
        List<String> missing = REQUIRED.stream().filter(name -> !columns.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw RejectedRequestException.badRequest("settlement file lacks the required columns " + missing);
        }
        return columns;
    }

    public static void checkHeader(InputStream file) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(file, StandardCharsets.UTF_8));
        header(reader.readLine());
    }

    /** The file's records, read line by line; a bad line fails the run naming its line number. */
    public static SettlementStream open(Path file, String merchantId) {
        try {
            BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            Map<String, Integer> columns = header(reader.readLine());
            return new CsvStream(reader, columns, merchantId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read settlement file " + file.getFileName(), e);
        }
    }

    private static final class CsvStream implements SettlementStream {
        private final BufferedReader reader;
        private final Map<String, Integer> columns;
        private final String merchantId;
        private SettlementRecord next;
        private int lineNo = 1;

        CsvStream(BufferedReader reader, Map<String, Integer> columns, String merchantId) {
            this.reader = reader;
            this.columns = columns;
            this.merchantId = merchantId;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                String line;
                try {
                    line = reader.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (line == null) {
                    return false;
                }
                lineNo++;
                if (!line.isBlank()) {
                    next = record(split(line));
                }
            }
            return true;
        }

        @Override
        public SettlementRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SettlementRecord record = next;
            next = null;
            return record;
        }

        private SettlementRecord record(List<String> fields) {
            String orderNo = value(fields, "order_no");
            String tradeNo = value(fields, "trade_no");
            if (orderNo == null && tradeNo == null) {
                throw bad("order_no and trade_no are both empty");
            }
            PaymentStatus status;
            try {
                status = PaymentStatus.valueOf(required(fields, "status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad("status must be one of " + List.of(PaymentStatus.values()));
            }
            String currency = value(fields, "currency");
            Money amount = money(required(fields, "amount"), currency);
            String refunded = value(fields, "refunded");
            String time = value(fields, "time");
            OffsetDateTime occurredAt;
            try {
                occurredAt = time == null ? null
                        : LocalDateTime.parse(time, TIME).atZone(SettlementWindow.BUSINESS_ZONE).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw bad("time must be yyyy-MM-dd HH:mm:ss (Asia/Taipei)");
            }
            String providerStatus = value(fields, "provider_status");
            return SettlementRecord.reported(tradeNo, orderNo, status, amount, occurredAt, merchantId,
                    providerStatus == null ? "SETTLEMENT_FILE" : providerStatus, null).asSettledOperation()
                    .withRefunded(refunded == null ? null : money(refunded, currency));
        }

        private Money money(String value, String currency) {
            try {
                return Money.of(value, currency == null ? "TWD" : currency);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }

        private String required(List<String> fields, String column) {
            String value = value(fields, column);
            if (value == null) {
                throw bad(column + " is empty");
            }
            return value;
        }

        private String value(List<String> fields, String column) {
            Integer index = columns.get(column);
            if (index == null || index >= fields.size()) {
                return null;
            }
            String value = fields.get(index).trim();
            return value.isEmpty() ? null : value;
        }

        private IllegalArgumentException bad(String reason) {
            return new IllegalArgumentException("settlement file line " + lineNo + ": " + reason);
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One line's fields (RFC 4180 quotes; a field does not span lines). */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
