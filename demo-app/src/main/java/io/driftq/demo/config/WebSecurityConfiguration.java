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

import java.util.ArrayList;
import java.util.List;

import io.driftq.demo.config.DemoSecurityProperties.Credentials;

import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Who may call what, on the application port and on the management port (one filter chain
 * serves both):
 * <ul>
 * <li>actuator {@code health} and {@code info}: anyone (health details only for
 * {@code SIDEFX_OPERATOR}, see {@code management.endpoint.health.show-details});</li>
 * <li>every other actuator endpoint: {@code SIDEFX_OPERATOR} only. Their write operations
 * exist only once opted in with
 * {@code management.endpoints.access.max-permitted=unrestricted};</li>
 * <li>the runs API ({@code /runs/**}): {@code SIDEFX_CLIENT}, or anyone when
 * {@code sidefx.security.open-runs-api} is set (the {@code demo} profile);</li>
 * <li>the rest (the health check {@code /healthz}; the page, the debug views and the docs
 * where the demo profile turned them on): anyone.</li>
 * </ul>
 * HTTP Basic, no session; CSRF protection is off because nothing authenticates with a
 * cookie and the actuator's write operations take JSON bodies only. Every answer carries
 * {@link SecurityHeaders}.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

	/** What opens the actuator's write operations (Spring Boot's own switch). */
	static final String MAX_PERMITTED_ACCESS = "management.endpoints.access.max-permitted";

	/**
	 * Spring Security's firewall, loosened where Spring MVC already answers correctly: a
	 * method no endpoint declares (e.g. {@code QUERY}) gets MVC's 405, not the firewall's
	 * 400; an encoded {@code %} in a run id gets the API's 404 for a run that cannot
	 * exist. Encoded slashes, backslashes and control characters stay refused.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setUnsafeAllowAnyHttpMethod(true);
		firewall.setAllowUrlEncodedPercent(true);
		return firewall;
	}

	@Bean
	SecurityFilterChain demoSecurityFilterChain(HttpSecurity http, DemoSecurityProperties security) {
		http.authorizeHttpRequests((requests) -> {
			requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class))
				.permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint())
				.hasRole(DemoSecurityProperties.OPERATOR_ROLE);
			if (security.openRunsApi()) {
				requests.requestMatchers("/runs", "/runs/**").permitAll();
			}
			else {
				requests.requestMatchers("/runs", "/runs/**").hasRole(DemoSecurityProperties.CLIENT_ROLE);
			}
			requests.anyRequest().permitAll();
		})
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(SecurityHeaders::apply);
		return http.build();
	}

	/**
	 * The configured users only (never Spring Boot's generated password): with no
	 * password set, nobody can use what needs a role.
	 */
	@Bean
	InMemoryUserDetailsManager demoUsers(DemoSecurityProperties security, Environment environment) {
		failOnMissingCredentials(security, environment);
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		List<UserDetails> users = new ArrayList<>();
		addUser(users, security.operator(), DemoSecurityProperties.OPERATOR_ROLE, encoder);
		addUser(users, security.client(), DemoSecurityProperties.CLIENT_ROLE, encoder);
		return new InMemoryUserDetailsManager(users);
	}

	private static void addUser(List<UserDetails> users, Credentials credentials, String role,
			PasswordEncoder encoder) {
		if (!credentials.isSet()) {
			return;
		}
		String password = credentials.password().startsWith("{") ? credentials.password()
				: "{noop}" + credentials.password();
		users.add(User.withUsername(credentials.username()).password(password).roles(role).build());
	}

	/**
	 * A role that is required but has no user is a misconfiguration: fail at startup,
	 * naming the fix.
	 */
	static void failOnMissingCredentials(DemoSecurityProperties security, Environment environment) {
		boolean writesOpen = "unrestricted".equalsIgnoreCase(environment.getProperty(MAX_PERMITTED_ACCESS, "").trim());
		if (writesOpen && !security.operator().isSet()) {
			throw new IllegalStateException("sidefx.security.operator.password is not set, but " + MAX_PERMITTED_ACCESS
					+ "=unrestricted opens the actuator's write operations: set SIDEFX_OPERATOR_PASSWORD (role "
					+ DemoSecurityProperties.OPERATOR_ROLE + ") or remove " + MAX_PERMITTED_ACCESS);
		}
		boolean servesRunsApi = !environment.acceptsProfiles(Profiles.of("worker"));
		if (servesRunsApi && !security.openRunsApi() && !security.client().isSet()) {
			throw new IllegalStateException("sidefx.security.client.password is not set: outside the demo profile the"
					+ " runs API requires HTTP Basic credentials of role " + DemoSecurityProperties.CLIENT_ROLE
					+ "; set SIDEFX_CLIENT_PASSWORD, or run with --spring.profiles.active=demo"
					+ " (sidefx.security.open-runs-api=true) to leave it open");
		}
	}

}
