package tw.twpay.hub.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ProblemErrorReportValve} in place of the error report valve Spring Boot gives Tomcat's host, and
 * {@link AbandonedBodyValve} in the application's pipeline, and {@link TraceRefusalValve} in the engine's (Tomcat's
 * TRACE refusal never reaches the application).
 */
@Component
public class ProblemErrorReportValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
        Ordered {

    private final RequestLimitProperties limits;

    public ProblemErrorReportValveCustomizer(RequestLimitProperties limits) {
        this.limits = limits;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextValves(new AbandonedBodyValve(limits.bodyReadTimeout()));
        factory.addEngineValves(new TraceRefusalValve());
        factory.addContextCustomizers(context -> {
            if (!(context.getParent() instanceof StandardHost host)) {
                return;
            }
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            host.getPipeline().addValve(new ProblemErrorReportValve());
        });
    }

    /** After Spring Boot's own customizer, which adds its valve. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
