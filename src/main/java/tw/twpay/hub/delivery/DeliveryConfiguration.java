package tw.twpay.hub.delivery;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the delivery side that are not components of their own. */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    /** {@code twpay.node-id}, or the host name and {@code server.port}: stable across restarts of one node. */
    @Bean
    NodeIdentity nodeIdentity(@Value("${twpay.node-id:}") String configured, @Value("${server.port:8080}") int port) {
        return NodeIdentity.of(configured, port);
    }
}
