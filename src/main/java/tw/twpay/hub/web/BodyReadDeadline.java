package tw.twpay.hub.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads a request body of a declared length, all of it, within a deadline. The container's own read timeout starts
 * again with every byte, so a client sending one byte a minute kept a request thread for as long as it liked; here
 * each read is checked against one deadline for the whole body.
 */
final class BodyReadDeadline {

    /** The body did not arrive in time, or the client went quiet or away before it had sent all of it. */
    static final class BodyNotReceivedException extends IOException {
        BodyNotReceivedException() {
            super("the request body did not arrive in time");
        }
    }

    private BodyReadDeadline() {
    }

    /**
     * @param in       the request's body
     * @param length   its declared length, at most twpay.http.max-body-bytes
     * @param deadline the longest the whole body may take
     * @return exactly {@code length} bytes
     * @throws BodyNotReceivedException when the deadline passes first, the client goes quiet longer than the
     *                                   container's read timeout, or the body ends early
     */
    static byte[] read(InputStream in, int length, Duration deadline) throws BodyNotReceivedException {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        byte[] body = new byte[length];
        int received = 0;
        try {
            while (received < length) {
                int read = in.read(body, received, length - received);
                if (read < 0) {
                    throw new BodyNotReceivedException();
                }
                received += read;
                if (received < length && System.nanoTime() - giveUpAt > 0) {
                    throw new BodyNotReceivedException();
                }
            }
        } catch (BodyNotReceivedException e) {
            throw e;
        } catch (IOException quietOrGone) {
            // the container's own read timeout, or the connection lost
            throw new BodyNotReceivedException();
        }
        return body;
    }

    /**
     * Reads and drops a body the hub refuses unread, so that the connection can serve the next request: at most
     * {@code limit} bytes, within the deadline.
     *
     * @return whether the body ended (a chunked body's last chunk, or the declared length) within both
     */
    static boolean discard(InputStream in, long limit, Duration deadline) {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        byte[] scratch = new byte[8192];
        long discarded = 0;
        try {
            for (int read; (read = in.read(scratch)) >= 0; ) {
                discarded += read;
                if (discarded > limit || System.nanoTime() - giveUpAt > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException quietGoneOrUnreadable) {
            // the client went quiet or away, or the container can no longer read the body (a failed multipart parse)
            return false;
        }
    }
}
