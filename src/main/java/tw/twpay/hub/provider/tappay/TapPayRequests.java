package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import tw.twpay.hub.provider.GatewayRequest;

/**
 * The JSON body of every TapPay call, in the field order of TapPay's documents and SDKs with {@code partner_key}
 * last (as tappay-nodejs sends it), and the HTTP request that carries it: {@code x-api-key} header, 30 s timeout.
 * Amounts are already TapPay's numbers ({@link TapPayAmounts#toWire}).
 */
public final class TapPayRequests {

    private TapPayRequests() {
    }

    /** The parts of a Pay by Prime the hub may send; null parts are left out. */
    public record PrimePayment(String prime, String merchantId, String merchantGroupId, long amount, String currency,
                               String orderNumber, String bankTransactionId, String details, ObjectNode cardholder,
                               Integer instalment, Integer delayCaptureInDays, Boolean remember,
                               Boolean threeDomainSecure, ResultUrl resultUrl) {

        @Override
        public String toString() {
            return "PrimePayment[" + orderNumber + ", " + bankTransactionId + ", prime=***]";
        }
    }

    /** Where TapPay sends the customer and the backend notify of a redirect flow; null parts are left out. */
    public record ResultUrl(String frontendRedirectUrl, String backendNotifyUrl, String goBackUrl) {
    }

    public static ObjectNode payByPrime(PrimePayment payment, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("prime", payment.prime());
        putMerchant(body, payment.merchantId(), payment.merchantGroupId());
        body.put("amount", payment.amount());
        body.put("currency", payment.currency());
        putIfPresent(body, "order_number", payment.orderNumber());
        putIfPresent(body, "bank_transaction_id", payment.bankTransactionId());
        putIfPresent(body, "details", payment.details());
        if (payment.cardholder() != null) {
            body.set("cardholder", payment.cardholder());
        }
        if (payment.instalment() != null) {
            body.put("instalment", payment.instalment());
        }
        if (payment.delayCaptureInDays() != null) {
            body.put("delay_capture_in_days", payment.delayCaptureInDays());
        }
        if (payment.remember() != null) {
            body.put("remember", payment.remember());
        }
        if (payment.threeDomainSecure() != null) {
            body.put("three_domain_secure", payment.threeDomainSecure());
        }
        if (payment.resultUrl() != null) {
            ObjectNode resultUrl = body.putObject("result_url");
            putIfPresent(resultUrl, "frontend_redirect_url", payment.resultUrl().frontendRedirectUrl());
            putIfPresent(resultUrl, "backend_notify_url", payment.resultUrl().backendNotifyUrl());
            putIfPresent(resultUrl, "go_back_url", payment.resultUrl().goBackUrl());
        }
        return signed(body, partnerKey);
    }

    /** Pay by Card Token: the stored card's key and token; currency is required here. */
    public static ObjectNode payByToken(String cardKey, String cardToken, String merchantId, String merchantGroupId,
                                        long amount, String currency, String details, String orderNumber,
                                        String bankTransactionId, Integer delayCaptureInDays, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("card_key", cardKey);
        body.put("card_token", cardToken);
        putMerchant(body, merchantId, merchantGroupId);
        body.put("amount", amount);
        body.put("currency", currency);
        putIfPresent(body, "details", details);
        putIfPresent(body, "order_number", orderNumber);
        putIfPresent(body, "bank_transaction_id", bankTransactionId);
        if (delayCaptureInDays != null) {
            body.put("delay_capture_in_days", delayCaptureInDays);
        }
        return signed(body, partnerKey);
    }

    /** Refund: {@code amount} null refunds the whole (remaining) amount. */
    public static ObjectNode refund(String recTradeId, Long amount, String bankRefundId, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("rec_trade_id", recTradeId);
        if (amount != null) {
            body.put("amount", amount);
        }
        putIfPresent(body, "bank_refund_id", bankRefundId);
        return signed(body, partnerKey);
    }

    /** Record: one trade, by rec_trade_id or else by bank_transaction_id (after a payment's answer was lost). */
    public static ObjectNode record(String recTradeId, String bankTransactionId, int page, int recordsPerPage,
                                    String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("records_per_page", recordsPerPage);
        body.put("page", page);
        ObjectNode filters = body.putObject("filters");
        if (recTradeId != null) {
            filters.put("rec_trade_id", recTradeId);
        } else {
            filters.put("bank_transaction_id", bankTransactionId);
        }
        return signed(body, partnerKey);
    }

    /** Trade History, Cap Today, Cap Cancel: the trade alone. */
    public static ObjectNode trade(String recTradeId, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("rec_trade_id", recTradeId);
        return signed(body, partnerKey);
    }

    public static ObjectNode refundCancel(String recTradeId, String refundId, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("rec_trade_id", recTradeId);
        putIfPresent(body, "refund_id", refundId);
        return signed(body, partnerKey);
    }

    /** Reconciliation of one merchant's captures and refunds sent to the bank in a time range. */
    public static ObjectNode reconciliation(long startMillis, long endMillis, List<String> actions, String merchantId,
                                            int page, int recordsPerPage, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("records_per_page", recordsPerPage);
        body.put("page", page);
        body.put("start_time_millis", startMillis);
        body.put("end_time_millis", endMillis);
        actions.forEach(body.putArray("transaction_actions")::add);
        body.putArray("merchant_ids").add(merchantId);
        return signed(body, partnerKey);
    }

    public static ObjectNode bindCard(String prime, String merchantId, String merchantGroupId, String currency,
                                      ObjectNode cardholder, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("prime", prime);
        putMerchant(body, merchantId, merchantGroupId);
        body.put("currency", currency);
        body.set("cardholder", cardholder);
        return signed(body, partnerKey);
    }

    /** Remove Card and Card Metadata: the stored card's key and token. */
    public static ObjectNode card(String cardKey, String cardToken, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("card_key", cardKey);
        body.put("card_token", cardToken);
        return signed(body, partnerKey);
    }

    /** Update Cardholder: the card's token and the new cardholder fields (TapPay keeps only the latest). */
    public static ObjectNode updateCardholder(String cardToken, ObjectNode cardholder, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("card_token", cardToken);
        cardholder.fields().forEachRemaining(field -> body.set(field.getKey(), field.getValue()));
        return signed(body, partnerKey);
    }

    /** Check Affiliate Code of a stored card (card_token with card_key, never with a prime). */
    public static ObjectNode checkAffiliateCode(String groupName, String codeName, String cardToken, String cardKey,
                                                String partnerKey) {
        ObjectNode body = TapPayJson.object();
        putIfPresent(body, "affiliate_code_group_name", groupName);
        body.put("affiliate_code_name", codeName);
        body.put("card_token", cardToken);
        body.put("card_key", cardKey);
        return signed(body, partnerKey);
    }

    /** Get Member Card: the cards bound under the member_id sent as cardholder.member_id. */
    public static ObjectNode getMemberCard(String memberId, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("member_id", memberId);
        return signed(body, partnerKey);
    }

    /** Get Barcode of a stored card; null length or seconds leave TapPay's defaults (15 characters, 90 s). */
    public static ObjectNode getBarcode(String cardKey, String cardToken, Integer barcodeLength,
                                        Integer barcodeUpdateSecs, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("card_key", cardKey);
        body.put("card_token", cardToken);
        if (barcodeLength != null) {
            body.put("barcode_length", barcodeLength);
        }
        if (barcodeUpdateSecs != null) {
            body.put("barcode_update_secs", barcodeUpdateSecs);
        }
        return signed(body, partnerKey);
    }

    /**
     * Pay by Barcode, in the order of TapPay's example. retry_mode is never sent (a new trade): a payment whose
     * answer was lost is looked up by Record, never resent.
     */
    public static ObjectNode payByBarcode(String barcode, String merchantId, String merchantGroupId, long amount,
                                          String currency, String details, String orderNumber,
                                          String bankTransactionId, int delayCaptureInDays, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("barcode", barcode);
        putMerchant(body, merchantId, merchantGroupId);
        body.put("amount", amount);
        body.put("details", details);
        body.put("currency", currency);
        putIfPresent(body, "order_number", orderNumber);
        body.put("bank_transaction_id", bankTransactionId);
        body.put("delay_capture_in_days", delayCaptureInDays);
        return signed(body, partnerKey);
    }

    /** Push Token: the tspPushToken the bank's app handed to the shop's app. */
    public static ObjectNode pushToken(String tspPushToken, String partnerKey) {
        ObjectNode body = TapPayJson.object();
        body.put("tsp_push_token", tspPushToken);
        return signed(body, partnerKey);
    }

    /** The HTTP call: POST JSON to the merchant's host, x-api-key header (never logged), TapPay's 30 s timeout. */
    public static GatewayRequest call(TapPayMerchant merchant, String path, ObjectNode body, Object context) {
        return GatewayRequest.json(merchant.apiUrl(path), TapPayJson.text(body), context)
                .withHeader("x-api-key", merchant.partnerKey())
                .withTimeout(TapPay.CALL_TIMEOUT);
    }

    private static void putMerchant(ObjectNode body, String merchantId, String merchantGroupId) {
        if (merchantId != null) {
            body.put("merchant_id", merchantId);
        } else {
            body.put("merchant_group_id", merchantGroupId);
        }
    }

    private static void putIfPresent(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    /** TapPay wants the key in the body as well as in the header; the SDKs append it last. */
    private static ObjectNode signed(ObjectNode body, String partnerKey) {
        body.put("partner_key", partnerKey);
        return body;
    }
}
