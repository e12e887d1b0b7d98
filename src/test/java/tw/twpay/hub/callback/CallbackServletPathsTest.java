package tw.twpay.hub.callback;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import tw.twpay.hub.callback.CallbackServletPaths.CamelServletRequests;
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * Spring MVC's introspector, which Spring Security has look up every request's handler, stops at the first mapping
 * it asks for a provider callback instead of asking every mapping of the ERP API and finding none.
 */
@HubTest
class CallbackServletPathsTest {

    @LocalServerPort
    int port;
    @Autowired
    HandlerMappingIntrospector introspector;
    @Autowired
    CamelServletRequests camelServletRequests;
    @Autowired
    MappingAskedAfterIt askedAfterIt;
    @Value("${camel.servlet.mapping.servlet-name}")
    String camelServletName;

    /** Asked right after {@link CamelServletRequests}: notes every request it is asked about, answers none. */
    static final class MappingAskedAfterIt implements HandlerMapping, Ordered {
        final List<String> askedAbout = new CopyOnWriteArrayList<>();

        @Override
        public HandlerExecutionChain getHandler(HttpServletRequest request) {
            askedAbout.add(request.getRequestURI());
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 1;
        }
    }

    @TestConfiguration
    static class WhoIsAsked {
        @Bean
        MappingAskedAfterIt mappingAskedAfterIt() {
            return new MappingAskedAfterIt();
        }
    }

    @Test
    void aCallbackOverHttpIsAnsweredByTheFirstMappingAsked() {
        assertThat(introspector.getHandlerMappings()).first().isSameAs(camelServletRequests);

        // a callback the hub cannot read gets the callback route's refusal, not Spring MVC's 404
        HttpResponse<String> notify = HubHttp.anonymous(port).postForm("/callbacks/newebpay/shop/notify",
                Map.of("Status", "SUCCESS"));
        assertThat(notify.statusCode()).isEqualTo(400);
        assertThat(notify.body()).isEqualTo(CallbackRefusal.BODY);
        // an ERP API request goes on to the mappings after it (and is still served)
        assertThat(new HubHttp(port).get("/api/v1/dead-letters").statusCode()).isEqualTo(200);

        assertThat(askedAfterIt.askedAbout)
                .contains("/api/v1/dead-letters")
                .noneMatch(uri -> uri.startsWith("/callbacks/"));
    }

    @Test
    void itClaimsOnlyRequestsGivenToCamelsServlet() {
        assertThat(camelServletRequests.getHandler(request("/callbacks/newebpay/shop/notify", camelServletName)))
                .isNotNull();
        assertThat(camelServletRequests.getHandler(request("/api/v1/dead-letters", "dispatcherServlet"))).isNull();
        assertThat(camelServletRequests.match(request("/callbacks/newebpay/shop/notify", camelServletName),
                "/callbacks/**")).isNull();
    }

    private static MockHttpServletRequest request(String uri, String servletName) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setHttpServletMapping(new MockHttpServletMapping("", "", servletName, MappingMatch.PATH));
        return request;
    }
}
