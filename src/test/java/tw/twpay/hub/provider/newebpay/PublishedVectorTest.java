package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The vector harness must fail loudly rather than skip what it does not understand. */
class PublishedVectorTest {

    private static PublishedVector vector(String json) throws Exception {
        return new PublishedVector(new ObjectMapper().readTree(json));
    }

    @Test
    void aVectorOfAnUnknownKindFails() throws Exception {
        PublishedVector unknown = vector("{\"id\":\"x\",\"inputs\":{\"HashKey\":\"k\"},\"expected\":{\"Foo\":\"1\"}}");

        assertThatThrownBy(() -> NewebPayPublishedVectorsTest.kindOf(unknown))
                .isInstanceOf(AssertionError.class).hasMessageContaining("unrecognised kind of vector x");
    }

    @Test
    void aMemberNoAssertionReadFails() throws Exception {
        PublishedVector vector =
                vector("{\"id\":\"x\",\"inputs\":{\"a\":\"1\",\"b\":\"2\"},\"expected\":{\"c\":\"3\"}}");
        vector.input("a");
        vector.expected("c");

        assertThatThrownBy(vector::assertEveryMemberWasUsed)
                .isInstanceOf(AssertionError.class).hasMessageContaining("inputs.b");
        vector.informational("inputs", "b");
        vector.assertEveryMemberWasUsed();
    }

    @Test
    void numbersInFieldMapsStayNumbers() throws Exception {
        PublishedVector vector = vector("{\"inputs\":{\"f\":{\"Amt\":30,\"Id\":\"7\"}}}");

        assertThat(vector.inputFields("f")).containsEntry("Amt", 30).containsEntry("Id", "7");
    }
}
