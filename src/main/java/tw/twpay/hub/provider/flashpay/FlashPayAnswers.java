package tw.twpay.hub.provider.flashpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import tw.twpay.hub.callback.FormBody;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Reads querytrade.php answers. FlashPay answers the form text {@code ver=..&dat=..&chk=..}: chk is verified over dat
 * as sent, then dat is decrypted with the merchant's keys. Server-side errors come back as plain, unencrypted JSON:
 * they are read as refusals carrying their message (nothing is stored), never as data.
 */
final class FlashPayAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_LIMIT = 200;

    private FlashPayAnswers() {
    }

    /** The verified, decrypted, flat answer. {@code what} names the call in messages ("107 query"). */
    static FlashPayPayload read(FlashPayMerchant merchant, GatewayCall call, String what) {
        Map<String, String> envelope = envelope(call, what);
        try {
            return merchant.codec().open(envelope.get("dat"), envelope.get("chk"));
        } catch (FlashPayDecodeException e) {
            throw new GatewayAnswerException("FlashPay's " + what + " answer failed verification: " + e.getMessage());
        }
    }

    /** Like {@link #read}, the JSON text, for answers that are not flat (the 106 range query). */
    static String readText(FlashPayMerchant merchant, GatewayCall call, String what) {
        Map<String, String> envelope = envelope(call, what);
        try {
            return merchant.codec().openText(envelope.get("dat"), envelope.get("chk"));
        } catch (FlashPayDecodeException e) {
            throw new GatewayAnswerException("FlashPay's " + what + " answer failed verification: " + e.getMessage());
        }
    }

    /** ret_code "00" or a 422 with FlashPay's code and message. */
    static FlashPayPayload requireSuccess(FlashPayPayload answer, String what) {
        if (!answer.isSuccess()) {
            throw new RejectedRequestException(422, "FlashPay refused the " + what + ": ret_code "
                    + limited(answer.field("ret_code")) + " " + limited(answer.field("ret_msg")));
        }
        return answer;
    }

    private static Map<String, String> envelope(GatewayCall call, String what) {
        String body = call.successBody().trim();
        if (body.startsWith("{")) {
            throw new RejectedRequestException(422, "FlashPay refused the " + what + ": " + serverError(body));
        }
        Map<String, String> fields;
        try {
            fields = FormBody.parse(body);
        } catch (RejectedRequestException e) {
            throw new GatewayAnswerException("FlashPay's " + what + " answer is not form text");
        }
        if (!fields.containsKey("dat") || !fields.containsKey("chk")) {
            throw new GatewayAnswerException("FlashPay's " + what + " answer has no dat and chk");
        }
        return fields;
    }

    /** The message of a plain-JSON server error, whatever FlashPay called its fields. */
    private static String serverError(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            for (String field : new String[] {"ret_msg", "msg", "message", "error", "returnMsg", "ret_code",
                    "returnCode"}) {
                JsonNode value = error.path(field);
                if (value.isValueNode() && !value.asText().isBlank()) {
                    return limited(value.asText());
                }
            }
            return "a server error without a message";
        } catch (java.io.IOException e) {
            return "an unreadable server error";
        }
    }

    private static String limited(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MESSAGE_LIMIT ? text : text.substring(0, MESSAGE_LIMIT) + "…";
    }
}
