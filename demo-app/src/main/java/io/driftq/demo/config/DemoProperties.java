package io.driftq.demo.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo's knobs ({@code sidefx.*}); the environment variables of the Python starter map onto them in
 * {@code application.yml}.
 *
 * @param driftqUrl the DriftQ server ({@code DRIFTQ_HTTP_URL}); the binder reads the same variable
 * @param dbPath the SQLite file used when no {@code spring.datasource.url} is set ({@code SIDEFX_DB_PATH})
 * @param artifactsDir where tickets and charges are written ({@code ARTIFACTS_DIR})
 * @param eventsLease lease of the event messages a page's live stream reads
 * @param redriveAfter how long a queued or running run may show no progress before the API sends its command
 * again ({@code 0} turns re-driving off)
 */
@ConfigurationProperties("sidefx")
public record DemoProperties(String driftqUrl, Path dbPath, Path artifactsDir, Duration eventsLease,
		Duration redriveAfter) {

	public DemoProperties {
		driftqUrl = (driftqUrl == null || driftqUrl.isBlank()) ? "http://localhost:8080" : driftqUrl;
		dbPath = (dbPath != null) ? dbPath : Path.of(".run/data/side_effects.sqlite");
		artifactsDir = (artifactsDir != null) ? artifactsDir : Path.of(".run/data/artifacts");
		eventsLease = (eventsLease != null) ? eventsLease : Duration.ofSeconds(30);
		redriveAfter = (redriveAfter != null) ? redriveAfter : Duration.ofSeconds(60);
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
