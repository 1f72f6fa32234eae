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

package io.driftq.idempotent.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.driftq.idempotent.EffectRecord;
import io.driftq.idempotent.EffectStatus;

import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a row of {@link EffectStoreQueryProvider#select()} (the table's columns plus the
 * lease as the database clock sees it) to an {@link EffectRecord}.
 */
final class EffectRecordRowMapper implements RowMapper<EffectRecord> {

	@Override
	public EffectRecord mapRow(ResultSet rs, int rowNum) throws SQLException {
		long leaseUntil = rs.getLong("lease_until");
		Long lease = rs.wasNull() ? null : leaseUntil;
		return new EffectRecord(rs.getString("effect_id"), rs.getString("run_id"), rs.getString("step_id"),
				rs.getString("business_key"), EffectStatus.valueOf(rs.getString("status")), rs.getLong("fencing_token"),
				lease, rs.getInt("attempts"), rs.getString("payload_hash"), rs.getString("result"),
				rs.getString("error"), rs.getLong("created_at"), rs.getLong("updated_at"),
				rs.getInt("lease_expired") == 1, rs.getLong("lease_remaining"));
	}

}
