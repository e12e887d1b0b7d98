package tw.twpay.hub.sandbox.newebpay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The checks the gateway makes on fields every request carries. A simulator that accepted what the gateway refuses
 * would let a hub bug through to the first live test, so these are strict where NewebPay is.
 */
final class GatewayFieldRules {

    private static final String ORDER_NO = "[A-Za-z0-9_]{1,30}";

    private GatewayFieldRules() {
    }

    /** RespondType JSON or String; anything else is refused with {@code status}. */
    static String respondType(SandboxForm fields, String status) {
        String respondType = fields.required("RespondType", status, "RespondType 不可空白 (RespondType is missing)");
        if (!"JSON".equals(respondType) && !GatewayAnswer.RESPOND_TYPE_STRING.equals(respondType)) {
            throw new SimulatedGatewayRefusal(status, "RespondType 設定錯誤 (RespondType must be JSON or String)");
        }
        return respondType;
    }

    /** A Unix time in seconds. The simulator does not enforce the gateway's clock skew, so tests may fix times. */
    static void timeStamp(SandboxForm fields, String status) {
        String timeStamp = fields.required("TimeStamp", status, "TimeStamp 不可空白 (TimeStamp is missing)");
        if (!timeStamp.matches("\\d{1,12}")) {
            throw new SimulatedGatewayRefusal(status, "TimeStamp 設定錯誤 (TimeStamp must be Unix seconds)");
        }
    }

    static void version(SandboxForm fields, String expected, String status) {
        if (!expected.equals(fields.text("Version"))) {
            throw new SimulatedGatewayRefusal(status, "Version 設定錯誤 (Version must be " + expected + ")");
        }
    }

    static String orderNo(SandboxForm fields, String name, String status) {
        String orderNo = fields.required(name, status, name + " 不可空白 (" + name + " is missing)");
        if (!orderNo.matches(ORDER_NO)) {
            throw new SimulatedGatewayRefusal(status, name
                    + " 設定錯誤 (" + name + " allows at most 30 letters, digits and underscores)");
        }
        return orderNo;
    }

    /** An optional http(s) URL (NotifyURL, ReturnURL), or null when absent. */
    static URI optionalUrl(SandboxForm fields, String name, String status) {
        String text = fields.text(name);
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below, without echoing the text
        }
        throw new SimulatedGatewayRefusal(status, name + " 網址設定錯誤 (" + name + " must be an http(s) URL)");
    }
}
