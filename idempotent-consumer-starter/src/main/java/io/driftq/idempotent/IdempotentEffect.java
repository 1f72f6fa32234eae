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

package io.driftq.idempotent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated Spring bean method at most once per effect key
 * ({@code run:step:businessKey}) while its claim holds, and replays the stored result to
 * duplicates. See {@code docs/idempotent-effects.md} for the precise guarantee.
 *
 * <p>
 * {@link #run()}, {@link #businessKey()} and {@link #payload()} are SpEL expressions over
 * the method parameters ({@code #cmd}, {@code #p0}, {@code #a0}) and, when an argument is
 * a spring-messaging {@code Message}, its headers ({@code #headers['orderId']}).
 *
 * <p>
 * The method's return value is the result, run or replayed; {@link EffectOutcome#last()}
 * tells which, right after the call.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IdempotentEffect {

	/**
	 * The step id (a literal, not SpEL).
	 * @return the step id
	 */
	String step();

	/**
	 * SpEL for the run id.
	 * @return the expression
	 */
	String run();

	/**
	 * SpEL for the business key.
	 * @return the expression
	 */
	String businessKey();

	/**
	 * SpEL for the payload whose hash must match for a duplicate; empty means all
	 * arguments.
	 * @return the expression
	 */
	String payload() default "";

	/**
	 * Claim lease as an ISO-8601 duration (e.g. {@code PT30S}); empty means
	 * {@code driftq.effects.lease}.
	 * @return the lease
	 */
	String lease() default "";

	/**
	 * How long a duplicate waits for a live claim of another attempt to finish (then it
	 * gets the stored result) before it gets {@link EffectInProgressException}, as an
	 * ISO-8601 duration (e.g. {@code PT10S}); empty means no wait.
	 * @return the wait
	 */
	String inProgressWait() default "";

	/**
	 * Whether the result is stored and replayed to duplicates; {@code false} for results
	 * that are large or sensitive (duplicates then get {@code null}).
	 * @return whether to store the result
	 */
	boolean storeResult() default true;

	/**
	 * What to do when a previous claim expired without completion.
	 * @return the policy
	 */
	ExpiredClaimPolicy onExpiredClaim() default ExpiredClaimPolicy.RERUN;

	/**
	 * Exceptions that prove the effect did not happen: the claim is released so the next
	 * attempt runs again.
	 * @return exception types
	 */
	Class<? extends Throwable>[] noEffectOn() default {};

	/**
	 * Exceptions that are a final outcome: stored as FAILED and replayed to duplicates as
	 * {@link EffectFailedException}.
	 * @return exception types
	 */
	Class<? extends Throwable>[] terminalOn() default {};

	/**
	 * Local mode: the method's own JDBC writes (on the effect store's DataSource) and the
	 * SUCCEEDED row commit in one transaction.
	 * @return whether the effect is local
	 */
	boolean local() default false;

}
