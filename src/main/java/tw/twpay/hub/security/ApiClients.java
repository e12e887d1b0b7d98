package tw.twpay.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.InvalidConfigurationException;
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.Sha256;

/**
 * The configured API clients, checked at start-up (a bad entry stops the hub with a message naming the property),
 * and the look-up of a presented key: its SHA-256 is compared with every client's in constant time, all of them
 * every time, so neither the time taken nor an early exit tells which client (if any) came close.
 */
@Component
public class ApiClients {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final List<ApiClient> clients;

    public ApiClients(ApiProperties properties) {
        List<ApiClient> checked = new ArrayList<>();
        for (Map.Entry<String, ApiProperties.Client> entry : properties.clients().entrySet()) {
            checked.add(check(entry.getKey(), entry.getValue()));
        }
        this.clients = List.copyOf(checked);
    }

    private static ApiClient check(String name, ApiProperties.Client client) {
        String prefix = "twpay.api.clients." + name;
        if (!CLIENT_NAME.matcher(name).matches()) {
            throw new InvalidConfigurationException(prefix, "a client name is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (client.keySha256() == null || !HEX_SHA256.matcher(client.keySha256()).matches()) {
            throw new InvalidConfigurationException(prefix + ".key-sha256",
                    "must be the 64 hex characters of the SHA-256 of the client's key (e.g. sha256sum), not the key");
        }
        if (client.scopes().isEmpty()) {
            throw new InvalidConfigurationException(prefix + ".scopes",
                    "a client needs at least one of payments:read, payments:write, cards:write, ops");
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String scope : client.scopes()) {
            scopes.add(ApiScope.of(scope.trim()).orElseThrow(() -> new InvalidConfigurationException(
                    prefix + ".scopes", "unknown scope '" + scope + "'; known: payments:read, payments:write, "
                            + "cards:write, ops")));
        }
        return new ApiClient(name, HexCodec.decode(client.keySha256()), Set.copyOf(scopes));
    }

    public boolean isEmpty() {
        return clients.isEmpty();
    }

    /** The client whose key this is, if any. */
    public Optional<ApiClient> identify(String presentedKey) {
        byte[] presented = Sha256.digest(presentedKey.getBytes(StandardCharsets.UTF_8));
        ApiClient found = null;
        for (ApiClient client : clients) {
            // MessageDigest.isEqual is constant-time for equal lengths; every client is compared, match or not
            if (MessageDigest.isEqual(client.keySha256(), presented) && found == null) {
                found = client;
            }
        }
        return Optional.ofNullable(found);
    }

    /** One configured caller. */
    public record ApiClient(String name, byte[] keySha256, Set<ApiScope> scopes) {
    }
}
