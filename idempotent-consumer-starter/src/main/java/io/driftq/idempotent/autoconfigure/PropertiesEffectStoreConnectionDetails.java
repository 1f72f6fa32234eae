package io.driftq.idempotent.autoconfigure;

/**
 * {@link EffectStoreConnectionDetails} from {@code driftq.effects.jdbc.url}, {@code .username} and {@code .password}.
 */
class PropertiesEffectStoreConnectionDetails implements EffectStoreConnectionDetails {

	private final EffectsProperties.Jdbc jdbc;

	PropertiesEffectStoreConnectionDetails(EffectsProperties.Jdbc jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String getJdbcUrl() {
		return this.jdbc.getUrl();
	}

	@Override
	public String getUsername() {
		return this.jdbc.getUsername();
	}

	@Override
	public String getPassword() {
		return this.jdbc.getPassword();
	}

}
