package tw.twpay.hub.sandbox.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.support.HubHttp;

/**
 * What an ERP and its customer's browser do against a hub whose NewebPay merchants are served by the in-process
 * simulator: ask for a payment, post the form the hub answers, operate on and look at the order.
 */
final class SandboxErp {

    private final HubHttp http;
    private final int port;

    SandboxErp(HubHttp http, int port) {
        this.http = http;
        this.port = port;
    }

    /** POST /api/v1/payments with the JSON given; the hub's FORM_POST answer. */
    JsonNode createPayment(String json) throws Exception {
        HttpResponse<String> created = http.post("/api/v1/payments", "application/json", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode form = CanonicalJson.mapper().readTree(created.body());
        assertThat(form.path("action").asText()).isEqualTo("FORM_POST");
        return form;
    }

    /** Posts the hub's FORM_POST to the gateway as the customer's browser would, with the sandbox's own fields. */
    HttpResponse<String> postAsBrowser(JsonNode formPost, Map<String, String> sandboxFields) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = formPost.path("fields").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue().asText());
        }
        fields.putAll(sandboxFields);
        String url = formPost.path("url").asText();
        return http.postForm(url.substring(("http://localhost:" + port).length()), fields);
    }

    /** A payment command of the hub, as it answered. */
    HttpResponse<String> tryOperate(String merchant, String orderNo, String operation, String body) {
        return http.post("/api/v1/payments/newebpay/" + merchant + "/" + orderNo + "/" + operation,
                "application/json", body);
    }

    /** A payment command the hub must accept; its answer is the order's state and journal. */
    JsonNode operate(String merchant, String orderNo, String operation, String body) throws Exception {
        HttpResponse<String> response = tryOperate(merchant, orderNo, operation, body);
        assertThat(response.statusCode()).as("%s: %s", operation, response.body()).isEqualTo(200);
        return CanonicalJson.mapper().readTree(response.body());
    }

    JsonNode order(String merchant, String orderNo) throws Exception {
        HttpResponse<String> response = http.get("/api/v1/payments/newebpay/" + merchant + "/" + orderNo);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CanonicalJson.mapper().readTree(response.body());
    }

    /** The order's status, or null while the hub has none. */
    String status(String merchant, String orderNo) throws Exception {
        HttpResponse<String> response = http.get("/api/v1/payments/newebpay/" + merchant + "/" + orderNo);
        if (response.statusCode() == 404) {
            return null;
        }
        return CanonicalJson.mapper().readTree(response.body()).path("order").path("status").asText();
    }
}
