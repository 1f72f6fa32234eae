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

import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The answers any operation of this API can give, added to each: 400 (a malformed URL,
 * query string or header; a bad parameter), 406 (an {@code Accept} without the
 * operation's media type), 413 (a body over {@code sidefx.max-request-bytes}, refused for
 * every path), 415 (operations with a body: any type but JSON), 500 (a server fault,
 * never client input). Also: answers springdoc lists as {@code *}{@code /*} are JSON, and
 * an optional query parameter with a default takes it when sent empty ({@code limit=}),
 * as Spring binds it.
 */
class ApiResponsesCustomizer implements OpenApiCustomizer {

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new io.swagger.v3.oas.models.Components());
		}
		ApiDocumentation.addSchemas(openApi.getComponents());
		if (openApi.getPaths() == null) {
			return;
		}
		for (PathItem path : openApi.getPaths().values()) {
			for (Operation operation : path.readOperations()) {
				customise(operation);
			}
		}
	}

	private void customise(Operation operation) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		for (ApiResponse response : responses.values()) {
			if (response.getContent() != null && response.getContent().containsKey("*/*")) {
				MediaType any = response.getContent().remove("*/*");
				response.getContent().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, any);
			}
		}
		addProblem(responses, "400", "Invalid request: a bad body field, header or parameter (named in detail and"
				+ " errors), malformed JSON, or a query string that cannot be read. (A path the servlet container"
				+ " refuses before the API sees it, with a malformed %-escape or an encoded NUL, / or \\, gets the"
				+ " container's own plain 400 page.)");
		addProblem(responses, "406", "The Accept header excludes the media type of the answer");
		addProblem(responses, "413", "The request body is larger than sidefx.max-request-bytes (16 KiB)");
		if (operation.getRequestBody() != null) {
			addProblem(responses, "415", "A content type other than application/json (multipart is refused too)");
		}
		addProblem(responses, "500", "An unexpected fault of the server (never caused by client input)");
		operation.setResponses(sorted(responses));
		if (operation.getParameters() != null) {
			for (Parameter parameter : operation.getParameters()) {
				if ("query".equals(parameter.getIn()) && !Boolean.TRUE.equals(parameter.getRequired())
						&& parameter.getSchema() != null && parameter.getSchema().getDefault() != null) {
					parameter.setAllowEmptyValue(true);
					parameter.setDescription(join(parameter.getDescription(), "sent empty, it takes its default"));
				}
			}
		}
	}

	static void addProblem(ApiResponses responses, String status, String description) {
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status, problem(description));
		}
	}

	static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(ApiDocumentation.PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref(ApiDocumentation.PROBLEM_REF))));
	}

	private static ApiResponses sorted(ApiResponses responses) {
		ApiResponses sorted = new ApiResponses();
		responses.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
		sorted.setExtensions(responses.getExtensions());
		return sorted;
	}

	private static String join(String first, String second) {
		return (first == null || first.isBlank()) ? second : first + "; " + second;
	}

}
