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

import org.jspecify.annotations.Nullable;

/**
 * Called when a duplicate gets the stored result of an effect that succeeded earlier (a
 * replay), before the result is returned; may return a replacement. The analogue of
 * Powertools' {@code responseHook}: mark a replayed response ("cached: true"), refresh a
 * field that must not be stale, or log. Declare it as a bean; several run in
 * {@code @Order}, each getting the previous one's result.
 *
 * <p>
 * It is not called when the effect runs, nor for replayed failures
 * ({@link EffectFailedException}). What it returns must be assignable to the call's
 * result type.
 */
@FunctionalInterface
public interface EffectReplayHook {

	/**
	 * @param effect the effect's row, as read by the claim ({@code SUCCEEDED})
	 * @param result the stored result, deserialized to the call's result type
	 * ({@code null} if not stored)
	 * @return the result to return to the caller
	 */
	@Nullable Object onReplay(EffectRecord effect, @Nullable Object result);

}
