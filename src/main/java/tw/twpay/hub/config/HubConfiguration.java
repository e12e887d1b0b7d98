package tw.twpay.hub.config;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tw.twpay.hub.delivery.NodeIdentity;

@Configuration(proxyBeanMethods = false)
public class HubConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** {@code twpay.node-id}, or the host name and {@code server.port}: stable across restarts of one node. */
    @Bean
    NodeIdentity nodeIdentity(@Value("${twpay.node-id:}") String configured, @Value("${server.port:8080}") int port) {
        return NodeIdentity.of(configured, port);
    }
}
