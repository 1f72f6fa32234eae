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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.driftq.client.model.ConsumedMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dead letters the DLQ view has read ({@code sidefx_dead_letter}, in the run table's
 * database), by offset.
 */
@Repository
@Profile("!worker")
@ConditionalOnBooleanProperty("sidefx.demo-views.enabled")
class DeadLetterStore {

	/**
	 * One dead letter.
	 *
	 * @param offset its offset in {@code sidefx.dlq} (topic-wide)
	 * @param record the record as produced
	 */
	record StoredDeadLetter(long offset, String record) {
	}

	private final JdbcTemplate jdbc;

	DeadLetterStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a record read from {@code sidefx.dlq}; one read again (a redelivery) is kept
	 * once.
	 */
	void add(ConsumedMessage message) {
		this.jdbc.update(
				"INSERT INTO sidefx_dead_letter (dlq_offset, value_sha256, dlq_partition, record, received_ms)"
						+ " VALUES (?, ?, ?, ?, ?) ON CONFLICT (dlq_offset, value_sha256) DO NOTHING",
				message.offset(), sha256(message.value()), message.partition(), message.value(),
				System.currentTimeMillis());
	}

	/**
	 * A page of the stored records, oldest first.
	 * @param after only records with a higher offset
	 * @param limit at most this many
	 * @return the page
	 */
	List<StoredDeadLetter> page(long after, int limit) {
		return this.jdbc.query(
				"SELECT dlq_offset, record FROM sidefx_dead_letter WHERE dlq_offset > ?"
						+ " ORDER BY dlq_offset, received_ms LIMIT ?",
				(rs, row) -> new StoredDeadLetter(rs.getLong(1), rs.getString(2)), after, limit);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
