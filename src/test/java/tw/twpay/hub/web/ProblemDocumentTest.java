package tw.twpay.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The problem document never repeats a card number, whichever message quoted it. */
class ProblemDocumentTest {

    @Test
    void aCardNumberInTheReasonIsMasked() {
        assertThat(ProblemDocument.json(404, "no stored card 4111 1111 1111 1111"))
                .contains("\"detail\":\"no stored card 411111******1111\"")
                .contains("\"error\":\"no stored card 411111******1111\"")
                .doesNotContain("1111 1111 1111");
        assertThat(ProblemDocument.of(400, "orderNo must be at most 30 characters").get("detail"))
                .isEqualTo("orderNo must be at most 30 characters");
    }
}
