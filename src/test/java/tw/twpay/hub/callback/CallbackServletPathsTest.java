package tw.twpay.hub.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.util.ServletRequestPathUtils;
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * Spring MVC's introspector, which Spring Security has look up every request's handler, finds the callback paths'
 * answer in the first mapping it asks instead of asking every mapping of the ERP API and finding none.
 */
@HubTest
class CallbackServletPathsTest {

    @LocalServerPort
    int port;
    @Autowired
    HandlerMappingIntrospector introspector;
    @Autowired
    @Qualifier("callbackServletPathsMapping")
    HandlerMapping callbackPaths;

    @Test
    void theIntrospectorAsksTheCallbackPathsFirst() {
        assertThat(introspector.getHandlerMappings()).first().isSameAs(callbackPaths);
    }

    @Test
    void itAnswersForCallbackPathsOnly() throws Exception {
        assertThat(callbackPaths.getHandler(request("POST", "/callbacks/newebpay/shop/notify"))).isNotNull();
        assertThat(callbackPaths.getHandler(request("GET", "/callbacks/newebpay/shop/return"))).isNotNull();
        assertThat(callbackPaths.getHandler(request("GET", "/api/v1/payments/shop/A1"))).isNull();
        assertThat(callbackPaths.getHandler(request("GET", "/sandbox/newebpay/mpg"))).isNull();
        assertThat(callbackPaths.getHandler(request("GET", "/callbacksX/newebpay"))).isNull();
    }

    @Test
    void callbacksStillReachCamelAndTheApiStillReachesItsRoutes() {
        // a callback the hub cannot read gets the callback route's refusal, not Spring MVC's 404
        HttpResponse<String> notify = HubHttp.anonymous(port).postForm("/callbacks/newebpay/shop/notify",
                Map.of("Status", "SUCCESS"));
        assertThat(notify.statusCode()).isEqualTo(400);
        assertThat(notify.body()).isEqualTo(CallbackRefusal.BODY);
        assertThat(new HubHttp(port).get("/api/v1/dead-letters").statusCode()).isEqualTo(200);
    }

    @Test
    void aServletMappingBecomesThePathPatternBelowIt() {
        assertThat(CallbackServletPaths.pathPattern("/callbacks/*")).isEqualTo("/callbacks/**");
        assertThat(CallbackServletPaths.pathPattern("hooks/*")).isEqualTo("/hooks/**");
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }
}
