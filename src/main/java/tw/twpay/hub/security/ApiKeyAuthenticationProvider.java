package tw.twpay.hub.security;

import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import tw.twpay.hub.security.ApiClients.ApiClient;

/**
 * Authenticates {@code Authorization: Bearer <key>} against the configured API clients. A key no client has is
 * refused, unless a JWT issuer is configured and the token looks like a JWT: then the JWT provider decides.
 */
public class ApiKeyAuthenticationProvider implements org.springframework.security.authentication.AuthenticationProvider {

    private final ApiClients clients;
    private final boolean jwtsAccepted;

    public ApiKeyAuthenticationProvider(ApiClients clients, boolean jwtsAccepted) {
        this.clients = clients;
        this.jwtsAccepted = jwtsAccepted;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = ((BearerTokenAuthenticationToken) authentication).getToken();
        ApiClient client = clients.identify(key).orElse(null);
        if (client == null) {
            if (jwtsAccepted && looksLikeJwt(key)) {
                return null;
            }
            throw new BadCredentialsException("unknown API key");
        }
        List<SimpleGrantedAuthority> authorities = client.scopes().stream()
                .map(scope -> new SimpleGrantedAuthority(scope.authority())).toList();
        return UsernamePasswordAuthenticationToken.authenticated(client.name(), null, authorities);
    }

    /** header.payload.signature; an API key never has two dots. */
    private static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
