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

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo's chaos controls ({@code sidefx.chaos.*}): {@code fail_before_effect_n} and
 * {@code fail_mode} of {@code POST /runs}, which make workers fail or halt on purpose. On
 * in the {@code demo} profile only: in production a client must not be able to crash a
 * worker.
 *
 * @param enabled whether {@code POST /runs} accepts them (otherwise a run asking for them
 * is refused with 400)
 */
@ConfigurationProperties("sidefx.chaos")
public record ChaosProperties(boolean enabled) {

}
