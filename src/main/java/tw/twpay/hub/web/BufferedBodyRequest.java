package tw.twpay.hub.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

/** The request with its body already read (bounded by twpay.http.max-body-bytes, RequestSizeLimitFilter). */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    private final Charset readerCharset;

    /** @param readerCharset how {@link #getReader()} decodes the body */
    BufferedBodyRequest(HttpServletRequest request, byte[] body, Charset readerCharset) {
        super(request);
        this.body = body;
        this.readerCharset = readerCharset;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream bytes = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return bytes.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body is already read");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), readerCharset));
    }
}
