package tw.twpay.hub.security;


import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tw.twpay.hub.config.InvalidConfigurationException;

/**
 * Who may call what. The ERP API answers only callers with {@code Authorization: Bearer <key>} (an API client,
 * {@link ApiClients}) or, when {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is set, a JWT whose
 * {@code scope} claim grants the scope; each path needs one scope ({@link ApiScope}). There are no cookies and no
 * sessions, so a cross-site page cannot ride on a browser's credentials (CSRF protection has nothing to protect).
 * Provider callbacks and the sandbox simulators stay open: their content is verified by signature or confirmed
 * with the gateway. The schema, the OpenAPI document and the bare health status are public.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ApiSecurityConfiguration {


    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiClients clients, ObjectProvider<JwtDecoder> jwts) {
        JwtDecoder jwtDecoder = jwts.getIfAvailable();
        if (clients.isEmpty() && jwtDecoder == null) {
            throw new InvalidConfigurationException("twpay.api.clients",
                    "no ERP API client is configured and no JWT issuer "
                            + "(spring.security.oauth2.resourceserver.jwt.issuer-uri): nobody could call the API");
        }
        return new ApiKeyAuthenticationProvider(clients, jwtDecoder != null);
    }

    /**
     * Provider callbacks (and the browser returns among them) are open to anyone: their content is verified by
     * signature or confirmed with the gateway, never by who sent them. Their own chain, tried first, therefore
     * authenticates nobody — no bearer-token parsing, security context, anonymous user or exception translation on
     * a gateway's notify — and keeps what every answer tells a browser ({@link BrowserHeaders}).
     */
    @Bean
    @Order(1)
    SecurityFilterChain callbackSecurity(HttpSecurity http) throws Exception {
        http
                .securityMatcher(path("/callbacks/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .headers(BrowserHeaders::configure)
                .authorizeHttpRequests(paths -> paths.anyRequest().permitAll());
        return http.build();
    }

    /**
     * Spring Security's own observations (a timer and span around every filter of every chain) are off; requests are
     * still measured as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyAuthenticationProvider apiKeys,
                                    ObjectProvider<JwtDecoder> jwts, ProblemAuthenticationHandlers problems)
            throws Exception {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(apiKeys);
        JwtDecoder jwtDecoder = jwts.getIfAvailable();
        if (jwtDecoder != null) {
            // scopes from the JWT's scope (or scp) claim become SCOPE_<scope> authorities, the caller is its subject
            providers.add(new JwtAuthenticationProvider(jwtDecoder));
        }
        ProviderManager bearerTokens = new ProviderManager(providers);

        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .headers(BrowserHeaders::configure)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> bearerTokens)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .addFilterAfter(new ApiCallerFilter(), AuthorizationFilter.class)
                .authorizeHttpRequests(paths -> {
                    paths
                        // the asynchronous continuation of an authorised request, and error pages
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(get("/api/v1/schema/**"), get("/api/v1/openapi.json")).permitAll()
                        .requestMatchers(get("/actuator/health"), get("/actuator/health/**")).permitAll();
                    for (ApiPathScopes.Rule rule : ApiPathScopes.RULES) {
                        paths.requestMatchers(rule.paths().toArray(RequestMatcher[]::new))
                                .hasAuthority(rule.scope().authority());
                    }
                    paths
                        .requestMatchers(path("/api/**")).authenticated()
                        // verified by signature or confirmed with the gateway, never by who sent them
                        .requestMatchers(path("/callbacks/**"), path("/sandbox/**"), path("/error")).permitAll()
                        .anyRequest().authenticated();
                });
        return http.build();
    }

    private static RequestMatcher get(String pattern) {
        return ApiPathScopes.get(pattern);
    }

    private static RequestMatcher path(String pattern) {
        return ApiPathScopes.any(pattern);
    }
}
