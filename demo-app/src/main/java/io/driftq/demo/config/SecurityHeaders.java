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

import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security headers of every answer, page and API alike:
 * {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} (Spring
 * Security's defaults), {@code Referrer-Policy: no-referrer} and a
 * {@code Content-Security-Policy} that allows the page's own scripts, styles and
 * connections only (no inline script or style, no framing). Swagger UI ({@code /docs},
 * demo profile) sets inline styles, so its pages get the same policy with
 * {@code 'unsafe-inline'} styles and {@code data:} images.
 */
final class SecurityHeaders {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
			+ " img-src 'self'; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none';"
			+ " frame-ancestors 'none'";

	static final String SWAGGER_UI_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
			+ " img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none';"
			+ " frame-ancestors 'none'";

	private SecurityHeaders() {
	}

	static void apply(HeadersConfigurer<HttpSecurity> headers) {
		RequestMatcher swaggerUi = new OrRequestMatcher(PathPatternRequestMatcher.pathPattern("/docs"),
				PathPatternRequestMatcher.pathPattern("/docs/**"),
				PathPatternRequestMatcher.pathPattern("/swagger-ui/**"));
		headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny).contentTypeOptions((options) -> {
		})
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
			.addHeaderWriter(policy(new NegatedRequestMatcher(swaggerUi), CONTENT_SECURITY_POLICY))
			.addHeaderWriter(policy(swaggerUi, SWAGGER_UI_POLICY))
			// written when the request comes in, not when the response commits: an event
			// stream commits on its emitter's thread while the request thread's filter
			// chain unwinds, and two threads touching Tomcat's header array raced (an NPE
			// in MimeHeaders seen once in OpenApiConformanceIT)
			.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
				@Override
				public <O extends HeaderWriterFilter> O postProcess(O filter) {
					filter.setShouldWriteHeadersEagerly(true);
					return filter;
				}
			});
	}

	private static HeaderWriter policy(RequestMatcher matcher, String policy) {
		return new DelegatingRequestMatcherHeaderWriter(matcher,
				new StaticHeadersWriter("Content-Security-Policy", policy));
	}

}
