package io.driftq.idempotent.autoconfigure;

import io.driftq.idempotent.EffectStoreConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Puts a misconfigured effect store's cause first in Spring Boot's "APPLICATION FAILED TO START" report, however
 * deep the bean creation exceptions wrap it.
 */
class EffectStoreConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<EffectStoreConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EffectStoreConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
