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

import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.links.Link;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The document of the operations whose controllers answer with maps (health, the debug
 * views): their answers' schemas ({@link ApiSchemas}), status codes, names and tags; and
 * the links from a created run to its reads. An operation that is not mapped (a profile
 * without the debug views) is left out.
 */
class DebugViewsDocumentation implements OpenApiCustomizer {

	private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	@Override
	public void customise(OpenAPI openApi) {
		for (Class<?> type : List.of(ApiSchemas.Health.class, ApiSchemas.SideEffects.class, ApiSchemas.Artifacts.class,
				ApiSchemas.DeadLetters.class)) {
			Map<String, Schema> schemas = ModelConverters.getInstance(true).readAll(new AnnotatedType(type));
			schemas.forEach((name, schema) -> {
				if (openApi.getComponents().getSchemas() == null
						|| !openApi.getComponents().getSchemas().containsKey(name)) {
					openApi.getComponents().addSchemas(name, schema);
				}
			});
		}
		get(openApi, "/healthz").ifPresent((operation) -> {
			describe(operation, "health", "health", "Whether DriftQ answers");
			operation.getResponses()
				.addApiResponse("200", json("DriftQ is reachable and healthy", "Health"))
				.addApiResponse("503", json("DriftQ does not answer, or is unhealthy", "Health"));
		});
		get(openApi, "/debug/side-effects").ifPresent((operation) -> {
			describe(operation, "listSideEffects", "debug", "The newest rows of the effect table");
			operation.getResponses().addApiResponse("200", json("The rows, newest first", "SideEffects"));
		});
		get(openApi, "/debug/artifacts").ifPresent((operation) -> {
			describe(operation, "listArtifacts", "debug", "The ticket files: the newest 50 by name, or the one named");
			operation.getResponses().addApiResponse("200", json("The ticket files", "Artifacts"));
		});
		get(openApi, "/debug/dlq").ifPresent((operation) -> {
			describe(operation, "peekDeadLetters", "debug", "The first records of sidefx.dlq, left as they are");
			operation.getResponses()
				.addApiResponse("200", json("The records", "DeadLetters"))
				.addApiResponse("502", ApiResponsesCustomizer.problem("DriftQ could not be read"));
		});
		links(openApi);
	}

	/**
	 * A created run's id is the path parameter of its reads (schemathesis follows these
	 * links).
	 */
	private static void links(OpenAPI openApi) {
		get(openApi, "/runs", PathItem::getPost).ifPresent((operation) -> {
			ApiResponse created = operation.getResponses().get("200");
			if (created != null) {
				created.link("GetRun",
						new Link().operationId("getRun")
							.parameters("runId", "$response.body#/run_id")
							.description("the run just created"));
				created.link("StreamRunEvents",
						new Link().operationId("streamRunEvents")
							.parameters("runId", "$response.body#/run_id")
							.description("the events of the run just created"));
			}
		});
	}

	private static void describe(Operation operation, String operationId, String tag, String summary) {
		operation.setOperationId(operationId);
		operation.setTags(List.of(tag));
		operation.setSummary(summary);
		operation.setResponses(new ApiResponses());
	}

	private static ApiResponse json(String description, String schema) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
	}

	private static java.util.Optional<Operation> get(OpenAPI openApi, String path) {
		return get(openApi, path, PathItem::getGet);
	}

	private static java.util.Optional<Operation> get(OpenAPI openApi, String path,
			java.util.function.Function<PathItem, Operation> method) {
		PathItem item = (openApi.getPaths() != null) ? openApi.getPaths().get(path) : null;
		return java.util.Optional.ofNullable(item).map(method);
	}

}
