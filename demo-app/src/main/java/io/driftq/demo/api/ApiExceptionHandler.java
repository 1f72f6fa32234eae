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

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details (RFC 9457) for the API: a bad field is named by its JSON name, DriftQ
 * trouble is 502, a database that does not answer 503 with {@code Retry-After}, an
 * unknown run 404.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** What a 503 for a database outage tells the client to wait, in seconds. */
	static final int DATABASE_RETRY_AFTER_SECONDS = 5;

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Class<?> target = ex.getParameter().getParameterType();
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.putIfAbsent(jsonName(target, error.getField()), error.getDefaultMessage());
		}
		List<String> parts = errors.entrySet().stream().map((e) -> e.getKey() + " " + e.getValue()).toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join("; ", parts));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * A body that is not JSON, or not this request's JSON (a text where a number goes,
	 * {@code null} for an optional field, a fraction for a count): 400 naming the field
	 * when there is one, with the parser's reason.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		JacksonException cause = (ex.getCause() instanceof JacksonException jackson) ? jackson : null;
		String field = (cause != null) ? jsonPath(cause) : "";
		String reason = (cause != null && cause.getOriginalMessage() != null) ? firstLine(cause.getOriginalMessage())
				: "the body is missing or is not JSON";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				field.isEmpty() ? "unreadable JSON: " + reason : field + ": " + reason);
		problem.setTitle("Invalid request");
		if (!field.isEmpty()) {
			problem.setProperty("errors", Map.of(field, reason));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * The field a parse failure is about ({@code amount}, {@code items[2]}), empty for
	 * the document itself.
	 */
	private static String jsonPath(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String firstLine(String text) {
		int end = text.indexOf('\n');
		String line = (end >= 0) ? text.substring(0, end) : text;
		return (line.length() > 300) ? line.substring(0, 300) + "…" : line;
	}

	@ExceptionHandler(RunNotFound.class)
	ProblemDetail runNotFound(RunNotFound ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "run not found");
		problem.setTitle("Run not found");
		return problem;
	}

	@ExceptionHandler(DriftqUnavailableProblem.class)
	ProblemDetail driftqUnavailable(DriftqUnavailableProblem ex) {
		logger.warn(ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("DriftQ unavailable");
		return problem;
	}

	/**
	 * The database does not answer (pool timeout, connection refused): nothing was
	 * stored, retry later.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			QueryTimeoutException.class, CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		logger.warn("The database is unavailable: {}", ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database is unavailable; nothing was stored. Retry after the time in Retry-After.");
		problem.setTitle("Database unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(DATABASE_RETRY_AFTER_SECONDS))
			.body(problem);
	}

	@ExceptionHandler(IdempotencyKeys.IdempotencyConflict.class)
	ProblemDetail idempotencyConflict(IdempotencyKeys.IdempotencyConflict ex) {
		HttpStatus status = ex.otherRequest() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.CONFLICT;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(ex.otherRequest() ? "Idempotency-Key reused" : "Request in progress");
		return problem;
	}

	/**
	 * A query string Tomcat cannot read (a parameter without a name, say {@code ?=x}, or
	 * a bad %-escape): the client's fault, so 400, not an ERROR with a stack trace.
	 */
	@ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
	ProblemDetail invalidQueryString(org.apache.tomcat.util.http.InvalidParameterException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"the query string cannot be read: " + ex.getMessage());
		problem.setTitle("Invalid request");
		return problem;
	}

	@ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
	ProblemDetail invalidParameter(jakarta.validation.ConstraintViolationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid request");
		return problem;
	}

	/**
	 * The JSON name of a record component (its {@code @JsonProperty}), else the Java
	 * name.
	 */
	static String jsonName(Class<?> type, String field) {
		if (type != null && type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
				if (property == null) {
					property = component.getAnnotation(JsonProperty.class);
				}
				if (component.getName().equals(field) && property != null && !property.value().isEmpty()) {
					return property.value();
				}
			}
		}
		return field;
	}

}
