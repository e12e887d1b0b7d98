package tw.twpay.hub.web;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxBodyBytes largest request body accepted on {@code /callbacks/**} and {@code /api/**}
 */
@Validated
@ConfigurationProperties("twpay.http")
public record RequestLimitProperties(@Min(1024) int maxBodyBytes) {
}
