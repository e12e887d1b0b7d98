package tw.twpay.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * The optional JWT mode (an enterprise identity provider): Spring's resource-server properties name the issuer's
 * key, scopes come from the {@code scope} claim, the caller journalled is the token's subject. API keys still work.
 */
@HubTest
class JwtCallerTest {

    static final KeyPair ISSUER_KEYS = rsaKeys();
    static final KeyPair OTHER_KEYS = rsaKeys();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) throws IOException {
        Path publicKey = Files.createTempFile("issuer", ".pem");
        publicKey.toFile().deleteOnExit();
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ISSUER_KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwt(KeyPair keys, String subject, String scope, Instant expires) {
        try {
            SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .subject(subject).claim("scope", scope).issueTime(new Date())
                    .expirationTime(Date.from(expires)).build());
            token.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return token.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aJwtsScopeClaimGrantsItsScopesOnly() {
        HubHttp reader = HubHttp.withKey(port, jwt(ISSUER_KEYS, "erp-reader", "payments:read",
                Instant.now().plusSeconds(300)));
        assertThat(reader.get("/api/v1/payments/newebpay/shop/JWT_NONE").statusCode()).isEqualTo(404);
        assertThat(reader.get("/api/v1/dead-letters").statusCode()).isEqualTo(403);
    }

    @Test
    void theJwtSubjectIsJournalledAsTheCaller() {
        HubHttp writer = HubHttp.withKey(port, jwt(ISSUER_KEYS, "erp-finance", "payments:read payments:write",
                Instant.now().plusSeconds(300)));
        assertThat(writer.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"JWT_WHO_1","amount":{"value":"100"},
                 "description":"jwt"}""").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForList("select issued_by from ledger_journal where subject = ?", String.class,
                "JWT_WHO_1")).containsExactly("erp-finance");
    }

    @Test
    void anExpiredJwtOrOneSignedByAnotherKeyIsRefused() {
        assertThat(HubHttp.withKey(port, jwt(ISSUER_KEYS, "late", "ops", Instant.now().minusSeconds(600)))
                .get("/api/v1/dead-letters").statusCode()).isEqualTo(401);
        assertThat(HubHttp.withKey(port, jwt(OTHER_KEYS, "forger", "ops", Instant.now().plusSeconds(300)))
                .get("/api/v1/dead-letters").statusCode()).isEqualTo(401);
    }

    @Test
    void apiKeysStillWork() {
        assertThat(new HubHttp(port).get("/api/v1/dead-letters").statusCode()).isEqualTo(200);
    }
}
