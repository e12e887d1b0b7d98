package tw.twpay.hub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the OpenAPI document says of each POST's body ({@link OpenApiDocument}): the requests it carries, whose fields
 * the schema is written from, and examples — each example is checked against the parsers (OpenApiDocumentTest).
 */
final class OpenApiBodies {

    /** A request body example: the provider it is for (null: any), the request it must pass, the body. */
    record Example(String name, String provider, CommandBody request, String json) {
    }

    /**
     * What each operation's body is: the requests it carries; for a body read outside this package (reconciliation)
     * its fields instead; neither: no body is read.
     */
    record Body(String description, List<CommandBody> requests, List<BodyField> readElsewhere,
                List<Example> examples) {

        Body(String description, List<CommandBody> requests, List<Example> examples) {
            this(description, requests, List.of(), examples);
        }
    }

    static final Map<String, Body> BODIES = bodies();

    private OpenApiBodies() {
    }

    private static Map<String, Body> bodies() {
        Map<String, Body> bodies = new LinkedHashMap<>();
        bodies.put("create-payment", new Body("The payment; fields beyond the canonical ones are the provider's",
                List.of(CommandBody.CREATE_PAYMENT), List.of(
                new Example("newebpay", "newebpay", CommandBody.CREATE_PAYMENT, """
                        {"provider":"newebpay","merchant":"shop","orderNo":"ORDER1",
                         "amount":{"value":"855","currency":"TWD"},"description":"Annual plan",
                         "email":"buyer@example.com","methods":["CREDIT"],"installments":[3,6]}"""),
                new Example("tappay", "tappay", CommandBody.CREATE_PAYMENT, """
                        {"provider":"tappay","merchant":"shop-tappay","orderNo":"T1",
                         "amount":{"value":"990","currency":"TWD"},"description":"Plan",
                         "prime":"test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9",
                         "cardholder":{"phone":"+886912345678","name":"Jane Doe","email":"jane@example.com"},
                         "capture":"manual","installments":3}"""),
                new Example("flashpay", "flashpay", CommandBody.CREATE_PAYMENT, """
                        {"provider":"flashpay","merchant":"shop-flashpay","orderNo":"FP1",
                         "amount":{"value":"855","currency":"TWD"},"description":"Annual plan","installments":6,
                         "phone":"0912345678","returnUrl":"https://erp.example.com/paid"}"""))));
        bodies.put("pay-by-barcode", new Body("The payment and the customer's barcode",
                List.of(CommandBody.PAY_BY_BARCODE), List.of(
                new Example("tappay", "tappay", CommandBody.PAY_BY_BARCODE, """
                        {"provider":"tappay","merchant":"shop-tappay","orderNo":"B1",
                         "amount":{"value":"100","currency":"TWD"},"description":"Counter sale",
                         "barcode":"Ab3dE6gH9jK1mN4","capture":"auto"}"""))));
        bodies.put("operate-on-payment", new Body("Optional: the amount of a capture or refund (default: the"
                + " whole), or the provider's own fields of the operation",
                List.of(CommandBody.QUERY, CommandBody.CANCEL, CommandBody.CAPTURE, CommandBody.CANCEL_CAPTURE,
                        CommandBody.REFUND, CommandBody.CANCEL_REFUND), List.of(
                new Example("refund", null, CommandBody.REFUND,
                        "{\"amount\":{\"value\":\"400\",\"currency\":\"TWD\"}}"),
                new Example("refund-in-the-orders-currency", null, CommandBody.REFUND,
                        "{\"amount\":{\"value\":\"100\"}}"),
                new Example("tappay-cancel-refund", "tappay", CommandBody.CANCEL_REFUND,
                        "{\"refundId\":\"6789\"}"))));
        bodies.put("create-subscription", new Body("The mandate; the schedule is the provider's",
                List.of(CommandBody.CREATE_SUBSCRIPTION), List.of(
                new Example("newebpay", "newebpay", CommandBody.CREATE_SUBSCRIPTION, """
                        {"provider":"newebpay","merchant":"shop-recurring","orderNo":"SUB1",
                         "amount":{"value":"199","currency":"TWD"},"description":"Monthly plan",
                         "email":"buyer@example.com",
                         "period":{"type":"M","point":"05","startType":2,"times":12}}"""))));
        bodies.put("alter-subscription", new Body("The mandate; amend also the new amount",
                List.of(CommandBody.ALTER_SUBSCRIPTION, CommandBody.AMEND_SUBSCRIPTION), List.of(
                new Example("suspend", "newebpay", CommandBody.ALTER_SUBSCRIPTION, "{\"mandateId\":\"P261122bbbbbb\"}"),
                new Example("amend", "newebpay", CommandBody.AMEND_SUBSCRIPTION,
                        "{\"mandateId\":\"P261122bbbbbb\",\"amount\":{\"value\":\"299\",\"currency\":\"TWD\"}}"))));
        bodies.put("charge-card", new Body("The charge: card details for a first charge, tokenValue later",
                List.of(CommandBody.CHARGE_CARD), List.of(
                new Example("first-charge", "newebpay", CommandBody.CHARGE_CARD, """
                        {"provider":"newebpay","merchant":"shop","orderNo":"T1",
                         "amount":{"value":"100","currency":"TWD"},"description":"First order",
                         "tokenTerm":"member_001",
                         "card":{"number":"4000221111111111","expiry":"2030-12","cvc":"123"}}"""),
                new Example("token-charge", "tappay", CommandBody.CHARGE_CARD, """
                        {"provider":"tappay","merchant":"shop-tappay","orderNo":"T2",
                         "amount":{"value":"100","currency":"TWD"},"description":"Next order","tokenTerm":"member-1",
                         "tokenValue":"tpcard_0123456789abcdef","capture":"auto"}"""))));
        bodies.put("bind-card", new Body("The card to store, in the provider's terms",
                List.of(CommandBody.BIND_CARD), List.of(
                new Example("tappay", "tappay", CommandBody.BIND_CARD, """
                        {"provider":"tappay","merchant":"shop-tappay",
                         "prime":"test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9","currency":"TWD",
                         "cardholder":{"phone":"+886912345678","name":"Jane Doe","email":"jane@example.com"}}"""))));
        bodies.put("push-token", new Body("The token the bank's app pushed", List.of(CommandBody.PUSH_TOKEN),
                List.of(new Example("tappay", "tappay", CommandBody.PUSH_TOKEN,
                        "{\"provider\":\"tappay\",\"merchant\":\"shop-tappay\",\"tspPushToken\":\"abc123\"}"))));
        bodies.put("get-barcode", new Body("Optional: the barcode's length and lifetime",
                List.of(CommandBody.GET_BARCODE), List.of(new Example("tappay", "tappay", CommandBody.GET_BARCODE,
                "{\"length\":15,\"validSeconds\":90}"))));
        bodies.put("update-cardholder", new Body("The cardholder fields to change",
                List.of(CommandBody.UPDATE_CARDHOLDER), List.of(
                new Example("tappay", "tappay", CommandBody.UPDATE_CARDHOLDER,
                        "{\"cardholder\":{\"phone\":\"+886987654321\",\"email\":\"jane@example.com\"}}"))));
        bodies.put("check-affiliate-code", new Body("The affiliate code to check the card against",
                List.of(CommandBody.CHECK_AFFILIATE_CODE), List.of(
                new Example("tappay", "tappay", CommandBody.CHECK_AFFILIATE_CODE,
                        "{\"affiliateCodeName\":\"SANDBOX_COBRAND\",\"affiliateCodeGroupName\":\"GROUP\"}"))));
        bodies.put("remove-card", new Body("No body", List.of(CommandBody.REMOVE_CARD), List.of()));
        bodies.put("redrive-dead-letter", new Body("No body", List.of(), List.of()));
        bodies.put("redrive-all-dead-letters", new Body("No body", List.of(), List.of()));
        bodies.put("release-operation-in-flight", new Body("Why the operation is released, having checked with the"
                + " gateway what became of it", List.of(),
                List.of(BodyField.text("reason", "at most 2000 characters").asRequired()), List.of()));
        bodies.put("start-reconciliation", new Body("The run's provider, merchant and window: date, or from and to",
                List.of(), List.of(BodyField.text("provider", "newebpay, tappay or flashpay").asRequired(),
                BodyField.text("merchant", "the hub's merchant alias").asRequired(),
                BodyField.text("date", "one business day (Asia/Taipei), e.g. 2026-11-25"),
                BodyField.text("from", "the first business day, with to"),
                BodyField.text("to", "the last business day, included")), List.of()));
        bodies.put("resolve-discrepancy", new Body("Who resolved the discrepancy and why", List.of(),
                List.of(BodyField.text("resolvedBy", "at most 128 characters").asRequired(),
                        BodyField.text("note", "at most 2000 characters").asRequired()), List.of()));
        bodies.put("import-settlement-file", new Body("The settlement file: a header row naming the columns"
                + " order_no, trade_no, status, amount (required), currency, time, provider_status", List.of(),
                List.of()));
        return bodies;
    }
}
