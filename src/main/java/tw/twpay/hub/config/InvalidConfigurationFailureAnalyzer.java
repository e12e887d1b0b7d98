package tw.twpay.hub.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused configuration as one clear start-up message naming the property. */
public class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(
                "twpay-hub refused to start: invalid " + cause.getMessage(),
                "Correct the property '" + cause.property() + "' in config/application.yaml or its environment "
                        + "variable and start again.",
                cause);
    }
}
