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

package io.driftq.demo.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;

/**
 * The OpenAPI document at {@code /openapi.json}, exact: every status code an operation
 * can answer with its problem-details schema, the event stream as
 * {@code text/event-stream}, the constraints as the API enforces them. What springdoc
 * reads from the controllers' annotations is completed by {@link DebugViewsDocumentation}
 * (the health and debug views) and then {@link ApiResponsesCustomizer} (the answers any
 * operation can give).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!worker")
class ApiDocumentation {

	static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	static final String PROBLEM = "ProblemDetail";

	static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

	static final String EVENT = "ServerSentEvent";

	static final String EVENT_REF = "#/components/schemas/" + EVENT;

	@Bean
	OpenAPI demoOpenApi() {
		String version = ApiDocumentation.class.getPackage().getImplementationVersion();
		return new OpenAPI().info(new Info().title("DriftQ side-effects demo API")
			.version((version != null) ? version : "dev")
			.description("Start a run that charges a card once per business key, however often it is retried or"
					+ " its worker crashes, and follow its events live. Every error is RFC 9457 problem details.")
			.license(new License().name("Apache-2.0").identifier("Apache-2.0")));
	}

	/**
	 * The schemas every operation refers to (added by a customizer: springdoc copies this
	 * bean through JSON).
	 */
	static void addSchemas(Components components) {
		components.addSchemas(PROBLEM, problem()).addSchemas(EVENT, serverSentEvent());
	}

	/** The views' answers first, then what every operation can answer. */
	@Bean
	OpenApiCustomizer demoOpenApiCustomizer() {
		DebugViewsDocumentation views = new DebugViewsDocumentation();
		ApiResponsesCustomizer responses = new ApiResponsesCustomizer();
		return (openApi) -> {
			views.customise(openApi);
			responses.customise(openApi);
			numericDefaults(openApi);
		};
	}

	/**
	 * springdoc writes a number's {@code defaultValue} as text ("49.99") in OpenAPI 3.1:
	 * a number it is.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void numericDefaults(OpenAPI openApi) {
		if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
			return;
		}
		for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
			if (schema.getProperties() == null) {
				continue;
			}
			for (Schema property : schema.getProperties().values()) {
				Set<String> types = property.getTypes();
				if (property.getDefault() instanceof String text && types != null
						&& (types.contains("number") || types.contains("integer"))) {
					property.setDefault(new java.math.BigDecimal(text));
				}
			}
		}
	}

	/** RFC 9457 problem details as Spring's {@code ProblemDetail} writes them. */
	private static Schema<Object> problem() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", schema("string").format("uri-reference")
			.description("the problem type; about:blank (left out) for plain HTTP statuses"));
		properties.put("title", schema("string").description("a short summary of the problem type"));
		properties.put("status",
				schema("integer").minimum(java.math.BigDecimal.valueOf(400))
					.maximum(java.math.BigDecimal.valueOf(599))
					.description("the HTTP status code"));
		properties.put("detail", schema("string").description("what went wrong with this request"));
		properties.put("instance", schema("string").format("uri-reference").description("the request's path"));
		properties.put("errors", schema("object").additionalProperties(schema("string"))
			.description("for an invalid body: each bad field's JSON name and what is wrong with it"));
		return schema("object").description("Problem details (RFC 9457)").properties(properties);
	}

	/**
	 * One event of a Server-Sent Events stream, as OpenAPI 3.2 models events
	 * (schemathesis reads it so).
	 */
	private static Schema<Object> serverSentEvent() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("data", schema("string").contentMediaType(MediaType.APPLICATION_JSON_VALUE)
			.description("the run event as JSON: {type, run_id, ...}; the first one is sse.connected"));
		properties.put("event", schema("string").description("always the default, message"));
		return schema("object").description("A Server-Sent Event: `data: <json>` and a blank line")
			.properties(properties)
			.required(java.util.List.of("data"));
	}

	/**
	 * A schema of the given JSON type, for OpenAPI 3.1 (which reads {@code types}) and
	 * 3.0.
	 */
	@SuppressWarnings("unchecked")
	static Schema<Object> schema(String type) {
		Schema<Object> schema = new Schema<>();
		schema.type(type);
		schema.types(Set.of(type));
		return schema;
	}

}
