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

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo's knobs ({@code sidefx.*}); the environment variables of the Python starter
 * map onto them in {@code application.yml}.
 *
 * @param driftqUrl the DriftQ server ({@code DRIFTQ_HTTP_URL}); the binder reads the same
 * variable
 * @param dbPath the SQLite file used when no {@code spring.datasource.url} is set
 * ({@code SIDEFX_DB_PATH})
 * @param artifactsDir where tickets and charges are written ({@code ARTIFACTS_DIR})
 * @param eventsLease lease of the event messages a page's live stream reads
 * @param redriveAfter how long a queued or running run may show no progress before the
 * API sends its command again ({@code 0} turns re-driving off)
 * @param redriveMax how many times at most one run is re-driven (then it is left alone,
 * logged at WARN)
 * @param redrivePerTick how many runs at most one re-drive pass sends again
 * @param maxRequestBytes the largest request body the API reads (larger ones: 413); a
 * command must fit DriftQ's 64 KiB message limit anyway
 * @param idempotencyWindow how long an {@code Idempotency-Key} of {@code POST /runs} is
 * remembered
 * @param commandPartitions partitions of {@code sidefx.commands} when this application
 * creates it (the worker's binding creates it with as many and runs as many threads)
 */
@ConfigurationProperties("sidefx")
public record DemoProperties(String driftqUrl, Path dbPath, Path artifactsDir, Duration eventsLease,
		Duration redriveAfter, Integer redriveMax, Integer redrivePerTick, Integer maxRequestBytes,
		Duration idempotencyWindow, Integer commandPartitions) {

	public DemoProperties {
		driftqUrl = (driftqUrl == null || driftqUrl.isBlank()) ? "http://localhost:8080" : driftqUrl;
		dbPath = (dbPath != null) ? dbPath : Path.of(".run/data/side_effects.sqlite");
		artifactsDir = (artifactsDir != null) ? artifactsDir : Path.of(".run/data/artifacts");
		eventsLease = (eventsLease != null) ? eventsLease : Duration.ofSeconds(30);
		redriveAfter = (redriveAfter != null) ? redriveAfter : Duration.ofSeconds(60);
		redriveMax = (redriveMax != null) ? redriveMax : 3;
		redrivePerTick = (redrivePerTick != null) ? redrivePerTick : 10;
		maxRequestBytes = (maxRequestBytes != null) ? maxRequestBytes : 16 * 1024;
		idempotencyWindow = (idempotencyWindow != null) ? idempotencyWindow : Duration.ofHours(24);
		commandPartitions = (commandPartitions != null) ? commandPartitions : 4;
		if (commandPartitions < 1) {
			throw new IllegalArgumentException(
					"sidefx.command-partitions must be at least 1, got " + commandPartitions + ": set it to 1 or more");
		}
	}

	/** The directory of the ticket files. */
	public Path ticketsDir() {
		return this.artifactsDir.resolve("tickets");
	}

	/** The directory of the fake payment provider's charges. */
	public Path chargesDir() {
		return this.artifactsDir.resolve("charges");
	}

}
