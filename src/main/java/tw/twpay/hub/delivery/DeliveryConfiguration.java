package tw.twpay.hub.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the delivery side that are not components of their own. */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    @Bean
    NodeIdentity nodeIdentity() {
        return NodeIdentity.ofThisProcess();
    }
}
