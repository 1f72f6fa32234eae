package io.driftq.idempotent.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.driftq.idempotent.EffectRecord;
import io.driftq.idempotent.EffectStatus;

import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a row of {@link EffectStoreQueryProvider#select()} (the table's columns plus the lease as the database clock
 * sees it) to an {@link EffectRecord}.
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
