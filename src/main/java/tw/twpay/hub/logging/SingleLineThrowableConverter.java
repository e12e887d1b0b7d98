package tw.twpay.hub.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;
import tw.twpay.hub.ledger.SensitiveDataMasker;

/**
 * Spring Boot's stack trace ({@code %wEx}) with each exception's message masked and escaped like log messages: an
 * exception can quote caller input, a card number included, and its message must not add lines of its own to the
 * trace.
 */
public class SingleLineThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return super.throwableProxyToString(new Escaped(proxy));
    }

    private record Escaped(IThrowableProxy proxy) implements IThrowableProxy {

        @Override
        public String getMessage() {
            return LogText.escape(SensitiveDataMasker.mask(proxy.getMessage()));
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return proxy.getCause() == null ? null : new Escaped(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = proxy.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                escaped[i] = new Escaped(suppressed[i]);
            }
            return escaped;
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }
}
