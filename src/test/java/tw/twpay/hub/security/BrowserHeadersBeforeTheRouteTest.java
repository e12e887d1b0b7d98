package tw.twpay.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * A platform-http route (the ERP API, the sandbox simulators) answers on a thread of its own while the container
 * thread goes back out through the filter chain. The browser headers must be on the response before the route
 * starts: set on the way back, they were added while the route wrote and committed its answer, which then now and
 * then carried them twice, or carried a header line without a name (": ") that Apache HttpClient refuses
 * ("Invalid header; error at offset 0: <: >", a NewebPay query of a reconciliation left unanswered).
 *
 * <p>Here the container thread is held on its way back (inside Spring Security's chain) until the route has looked
 * at its response, so a header set on the way back is always one the route did not find.
 */
@HubTest
class BrowserHeadersBeforeTheRouteTest {

    static final String PATH = "/sandbox/test/route-answer-headers";
    static final List<String> BROWSER_HEADERS = List.of("X-Content-Type-Options", "X-Frame-Options",
            "Content-Security-Policy", "Referrer-Policy", "Cache-Control");

    @LocalServerPort
    int port;
    @Autowired
    WhatTheRouteFound found;

    static final class WhatTheRouteFound {
        final Map<String, String> headers = new ConcurrentHashMap<>();
        final AtomicBoolean looked = new AtomicBoolean();
    }

    @TestConfiguration
    static class RouteLookingAtItsResponse {

        @Bean
        WhatTheRouteFound whatTheRouteFound() {
            return new WhatTheRouteFound();
        }

        @Bean
        RouteBuilder routeLookingAtItsResponse(WhatTheRouteFound found) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:" + PATH + "?httpMethodRestrict=GET")
                            .routeId("test-route-answer-headers")
                            .process(exchange -> {
                                HttpServletResponse response = exchange.getIn(PlatformHttpMessage.class)
                                        .getResponse();
                                for (String name : BROWSER_HEADERS) {
                                    String value = response.getHeader(name);
                                    if (value != null) {
                                        found.headers.put(name, value);
                                    }
                                }
                                found.looked.set(true);
                            })
                            .removeHeaders("*")
                            .setHeader("Content-Type", constant("application/json; charset=UTF-8"))
                            .setBody(constant("{\"Status\":\"SUCCESS\",\"Message\":\"查詢成功\"}"));
                }
            };
        }

        /** Inside Spring Security's chain (after it): the container thread waits here until the route has looked. */
        @Bean
        FilterRegistrationBean<Filter> holdTheWayBackUntilTheRouteHasLooked(WhatTheRouteFound found) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                chain.doFilter(request, response);
                if (request.isAsyncStarted()) {
                    await().atMost(Duration.ofSeconds(10)).untilTrue(found.looked);
                }
            });
            registration.addUrlPatterns(PATH);
            registration.setOrder(Ordered.LOWEST_PRECEDENCE);
            return registration;
        }
    }

    @Test
    void theBrowserHeadersAreSetBeforeTheRouteAnswers() {
        HttpResponse<String> answer = HubHttp.anonymous(port).get(PATH);

        assertThat(found.looked).isTrue();
        assertThat(found.headers).as("browser headers on the response when the route started")
                .containsOnlyKeys(BROWSER_HEADERS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("查詢成功");
        for (String name : BROWSER_HEADERS) {
            assertThat(answer.headers().allValues(name)).as(name).containsExactly(found.headers.get(name));
        }
    }
}
