/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.driftq.demo.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the demo's traces can be looked at ({@code sidefx.tracing.*}; tracing itself is
 * the {@code tracing} profile, docs/observability.md).
 *
 * @param uiUrl the base URL of a tracing UI that shows a trace at
 * {@code <ui-url>/traces/<trace id>} (Zipkin's, e.g.
 * {@code http://localhost:9411/zipkin}; Jaeger's UI has the same path); unset: runs show
 * their trace id without a link
 */
@ConfigurationProperties("sidefx.tracing")
public record TracingProperties(String uiUrl) {

	/**
	 * The UI's page of a trace.
	 * @param traceId the trace id, or {@code null}
	 * @return the URL, or {@code null} without a trace id or without {@code ui-url}
	 */
	public String traceUrl(String traceId) {
		if (traceId == null || this.uiUrl == null || this.uiUrl.isBlank()) {
			return null;
		}
		String base = this.uiUrl.strip();
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return base + "/traces/" + traceId;
	}

}
