package tw.twpay.hub.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What every answer tells a browser, above all the return pages customers land on: do not sniff the content type
 * ({@code X-Content-Type-Options: nosniff}), never show it in a frame ({@code X-Frame-Options: DENY} and CSP
 * {@code frame-ancestors 'none'}), load and run nothing ({@code default-src 'none'}), send no referrer, keep no copy.
 * The sandbox simulator's own pages (never in production) may run their inline auto-submit script.
 *
 * <p>The headers are set before the request goes on into the chain, not on its way back (Spring Security's
 * default). A platform-http route (ERP API, sandbox simulators) runs on a thread of its own and writes and commits
 * its answer while the container thread goes back out through the filters: set on the way back, the headers were
 * set by both threads at once (by the container thread, and by the route's thread as its answer was committed),
 * and Tomcat's header list is not made for that — answers came with headers twice, or with a header line without a
 * name (": ") that Apache HttpClient refuses ("Invalid header; error at offset 0: <: >").
 */
final class BrowserHeaders {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String SANDBOX_CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'unsafe-inline'; form-action *; frame-ancestors 'none'; base-uri 'none'";

    private BrowserHeaders() {
    }

    static void configure(HeadersConfigurer<HttpSecurity> headers) {
        RequestMatcher sandbox = ApiPathScopes.any("/sandbox/**");
        headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
            @Override
            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        });
        headers.contentTypeOptions(Customizer.withDefaults())
                .frameOptions(frames -> frames.deny())
                .cacheControl(Customizer.withDefaults())
                .referrerPolicy(referrer -> referrer.policy(
                        org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy
                                .NO_REFERRER))
                .addHeaderWriter(policy(new NegatedRequestMatcher(sandbox), CONTENT_SECURITY_POLICY))
                .addHeaderWriter(policy(sandbox, SANDBOX_CONTENT_SECURITY_POLICY));
    }

    private static HeaderWriter policy(RequestMatcher paths, String policy) {
        return new DelegatingRequestMatcherHeaderWriter(paths,
                new StaticHeadersWriter("Content-Security-Policy", policy));
    }
}
