package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeIdentityTest {

    @Test
    void configuredIdWins() {
        assertThat(NodeIdentity.of(" hub-a ", 8080).id()).isEqualTo("hub-a");
    }

    @Test
    void defaultIsTheSameOnEveryStartOfTheSameNode() {
        assertThat(NodeIdentity.of("", 8080)).isEqualTo(NodeIdentity.of(null, 8080));
        assertThat(NodeIdentity.of("", 8080).id()).endsWith(":8080");
        assertThat(NodeIdentity.of("", 8080)).isNotEqualTo(NodeIdentity.of("", 8081));
    }

    @Test
    void randomPortNamesNoNodeAcrossRestarts() {
        assertThat(NodeIdentity.of("", 0)).isNotEqualTo(NodeIdentity.of("", 0));
    }
}
