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
 * The demo's own views ({@code sidefx.demo-views.*}), on in the {@code demo} profile
 * only.
 *
 * @param enabled whether {@code /debug/side-effects}, {@code /debug/artifacts} and
 * {@code /debug/dlq} exist (and the DLQ view's reader runs); the page and the API docs
 * are switched with Spring's and springdoc's own properties in
 * {@code application-demo.yml}
 */
@ConfigurationProperties("sidefx.demo-views")
public record DemoViewsProperties(boolean enabled) {

}
