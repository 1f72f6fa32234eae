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

/**
 * A Java client for the DriftQ HTTP/NDJSON v1 API: {@link io.driftq.client.DriftqClient}
 * for topics, produce, ack, nack, health and version, and
 * {@link io.driftq.client.ConsumeSubscription} for a continuous consume over DriftQ's
 * short-lived consume streams.
 */
@NullMarked
package io.driftq.client;

import org.jspecify.annotations.NullMarked;
