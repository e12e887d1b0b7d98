package tw.twpay.hub.provider;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the hub treats gateway commands ({@code twpay.commands.*}).
 *
 * @param settleUnknownAfter how long after a payment operation whose outcome stayed unknown a query of the gateway
 *                           is trusted to show whether it was carried out: longer than any gateway call may take, so
 *                           that the query is not answered before the gateway has finished with the operation
 */
@Validated
@ConfigurationProperties("twpay.commands")
public record CommandProperties(@NotNull Duration settleUnknownAfter) {

    public CommandProperties {
        if (settleUnknownAfter != null && settleUnknownAfter.isNegative()) {
            throw new IllegalArgumentException("twpay.commands.settle-unknown-after must not be negative");
        }
    }
}
