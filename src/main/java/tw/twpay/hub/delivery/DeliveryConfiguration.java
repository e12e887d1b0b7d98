package tw.twpay.hub.delivery;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
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

    /**
     * The threads the outbox poller delivers a batch's orders on ({@code twpay.delivery.concurrency}): a Camel
     * thread pool profile the route names, so Camel makes the pool, names its threads and stops it with the routes.
     * (Not an executor bean: one would take the place of Spring's own task executor.)
     */
    @Bean
    CamelContextConfiguration outboxDeliveryThreads(DeliveryProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getExecutorServiceManager().registerThreadPoolProfile(
                        new ThreadPoolProfileBuilder("outboxDeliveryThreads")
                                .poolSize(properties.concurrency())
                                .maxPoolSize(properties.concurrency())
                                // a batch never holds more lanes than events
                                .maxQueueSize(properties.batchSize())
                                .build());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }
}
