package tw.twpay.hub.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class HubConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
