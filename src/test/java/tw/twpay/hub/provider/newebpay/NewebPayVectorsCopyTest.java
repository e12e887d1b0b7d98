package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The vectors are copied into the test resources so CI works on a clean clone; where the shared original is checked
 * out next to the project, the copy must not have drifted from it.
 */
class NewebPayVectorsCopyTest {

    private static final Path SHARED_ORIGINAL = Path.of("..", "shared", "vectors", "newebpay.json");

    @Test
    void copyIsIdenticalToTheSharedOriginal() throws IOException {
        assumeTrue(Files.isRegularFile(SHARED_ORIGINAL), "no shared vectors at " + SHARED_ORIGINAL.toAbsolutePath());

        byte[] copy;
        try (InputStream in = getClass().getResourceAsStream(NewebPayPublishedVectorsTest.VECTORS_RESOURCE)) {
            assertThat(in).isNotNull();
            copy = in.readAllBytes();
        }
        assertThat(copy).as("src/test/resources/vectors/newebpay.json vs " + SHARED_ORIGINAL)
                .isEqualTo(Files.readAllBytes(SHARED_ORIGINAL));
    }
}
