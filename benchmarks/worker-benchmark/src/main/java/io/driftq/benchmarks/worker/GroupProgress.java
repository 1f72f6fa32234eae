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

package io.driftq.benchmarks.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a consumer group has acked a topic, read from {@code driftqd}'s Prometheus
 * {@code /metrics}: the sum of {@code consumer_lag} over the group's partitions is what
 * has been produced and not yet committed. This sees the acks of any worker, in any
 * process or language, without touching it.
 */
final class GroupProgress {

	private static final Pattern LAG = Pattern.compile(
			"^consumer_lag\\{group=\"([^\"]*)\",partition=\"(\\d+)\",topic=\"([^\"]*)\"\\} (\\S+)$", Pattern.MULTILINE);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final URI metrics;

	private final String topic;

	private final String group;

	GroupProgress(String baseUrl, String topic, String group) {
		this.metrics = URI.create(baseUrl + "/metrics");
		this.topic = topic;
		this.group = group;
	}

	/**
	 * The group's lag now.
	 * @return produced but not committed, summed over partitions; {@code -1} while the
	 * group has no stream yet
	 */
	long lag() {
		String body = scrape();
		Matcher matcher = LAG.matcher(body);
		long lag = -1;
		while (matcher.find()) {
			if (matcher.group(1).equals(this.group) && matcher.group(3).equals(this.topic)) {
				lag = Math.max(lag, 0) + (long) Double.parseDouble(matcher.group(4));
			}
		}
		return lag;
	}

	/**
	 * The topic's partitions as the server reports them for the group.
	 * @return how many partitions have a lag line for the group, 0 while it has no stream
	 * yet
	 */
	int partitions() {
		Matcher matcher = LAG.matcher(scrape());
		int partitions = 0;
		while (matcher.find()) {
			if (matcher.group(1).equals(this.group) && matcher.group(3).equals(this.topic)) {
				partitions++;
			}
		}
		return partitions;
	}

	private String scrape() {
		HttpRequest request = HttpRequest.newBuilder(this.metrics).timeout(Duration.ofSeconds(5)).build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + this.metrics + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted reading " + this.metrics, ex);
		}
	}

}
