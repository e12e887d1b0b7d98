package tw.twpay.hub.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ERP API's callers: {@code twpay.api.clients.<name>.key-sha256} (hex SHA-256 of the caller's API key; the key
 * itself is never configured or stored) and {@code .scopes}. Checked at start-up by {@link ApiClients}.
 */
@ConfigurationProperties("twpay.api")
public record ApiProperties(Map<String, Client> clients) {

    public ApiProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
    }

    public record Client(String keySha256, List<String> scopes) {

        public Client {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }
}
