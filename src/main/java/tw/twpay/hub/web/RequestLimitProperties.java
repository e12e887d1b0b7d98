package tw.twpay.hub.web;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxBodyBytes    largest request body accepted on {@code /callbacks/**} and {@code /api/**}
 * @param bodyReadTimeout how long such a body may take to arrive, all of it, counted from its first read
 */
@Validated
@ConfigurationProperties("twpay.http")
public record RequestLimitProperties(@Min(1024) int maxBodyBytes,
                                     @NotNull @DefaultValue("10s") Duration bodyReadTimeout) {

    public RequestLimitProperties {
        if (bodyReadTimeout != null && (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero())) {
            // zero would refuse every callback and API body with a 408
            throw new IllegalArgumentException("twpay.http.body-read-timeout must be longer than zero, was "
                    + bodyReadTimeout);
        }
    }
}
