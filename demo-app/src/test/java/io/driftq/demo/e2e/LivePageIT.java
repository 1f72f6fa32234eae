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

package io.driftq.demo.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.driftq.demo.worker.TicketFiles;
import io.driftq.test.RequiredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page at {@code /} (demo profile) in a real headless Chromium, under its
 * Content-Security-Policy (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs; {@code CHROMIUM_BIN} / {@code CHROMEDRIVER_BIN} point
 * elsewhere): a run and a crash run started from the page, their events arriving live,
 * the effect rows and artifacts updating.
 */
class LivePageIT {

	/**
	 * A tracing UI's base URL, only for the page's link (nothing is exported without the
	 * tracing profile).
	 */
	private static final String TRACING_UI = "http://zipkin.test/zipkin";

	private static DemoStack stack;

	private static WebDriver browser;

	@BeforeAll
	static void start() {
		Path chromium = executable("CHROMIUM_BIN", "/usr/bin/chromium");
		Path chromedriver = executable("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
		stack = DemoStack.onSqlite("page").startApi(List.of("--sidefx.tracing.ui-url=" + TRACING_UI));
		stack.startWorker(DemoStack.FAST_RECOVERY);
		stack.supervise();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1400,1000");
		// the console, to see that the page's Content-Security-Policy blocks nothing of
		// its own
		options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	private static Path executable(String variable, String fallback) {
		String configured = System.getenv(variable);
		Path path = Path.of((configured != null && !configured.isBlank()) ? configured : fallback);
		if (!Files.isExecutable(path)) {
			throw RequiredService
				.missing(path + " (install Debian's chromium and chromium-driver, or set " + variable + ")");
		}
		return path;
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void retryRunStartedFromThePageShowsItsEventsOneEffectAndOneArtifact() {
		String key = "page-" + UUID.randomUUID().toString().substring(0, 8);
		startFromPage(key, "start-run");

		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
		wait.until(
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events li[data-type='run.completed']")));
		assertThat(eventTypes()).containsSubsequence("sse.connected", "run.created", "step.failed", "retry.scheduled",
				"side_effect.done", "run.completed");
		assertThat(browser.findElement(By.id("run-status")).getText()).isEqualTo("completed");
		// the run's trace id (the API's request), linked to the tracing UI
		String runId = browser.findElement(By.id("run-id")).getText();
		String traceId = stack.api().getJson("/runs/" + runId).get("trace_id").asString();
		assertThat(traceId).matches("[0-9a-f]{32}");
		wait.until(ExpectedConditions.textToBe(By.id("trace-id"), traceId));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("trace-link")));
		assertThat(browser.findElement(By.id("trace-link")).getDomAttribute("href"))
			.isEqualTo(TRACING_UI + "/traces/" + traceId);
		awaitOneDoneRowAndOneArtifact(wait, key);
	}

	@Test
	void crashRunStartedFromThePageShowsTheCrashAndTheSkippedReplay() {
		String key = "page-crash-" + UUID.randomUUID().toString().substring(0, 8);
		startFromPage(key, "start-crash");

		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
		wait.until(
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events li[data-type='run.completed']")));
		assertThat(eventTypes()).containsSubsequence("side_effect.done", "chaos.crash_now", "side_effect.skipped",
				"run.completed");
		awaitOneDoneRowAndOneArtifact(wait, key);
	}

	@Test
	void apiDocsRenderTheOperationsUnderTheirPolicy() {
		browser.get(stack.apiProcess().baseUrl() + "/docs");
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
		assertThat(browser.findElements(By.cssSelector(".opblock-summary-path"))
			.stream()
			// Swagger UI breaks paths with zero-width spaces
			.map((element) -> element.getText().replace("\u200B", "")))
			.anySatisfy((path) -> assertThat(path).contains("/runs"));
	}

	@AfterEach
	void thePageBrokeNoContentSecurityPolicyRule() {
		java.util.List<String> violations = browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy") || message.contains("Refused to"))
			.toList();
		assertThat(violations).as("CSP violations in the console").isEmpty();
	}

	private static void startFromPage(String key, String button) {
		browser.get(stack.apiProcess().baseUrl() + "/");
		WebElement field = browser.findElement(By.id("business-key"));
		field.clear();
		field.sendKeys(key);
		browser.findElement(By.id(button)).click();
	}

	private static java.util.List<String> eventTypes() {
		return browser.findElements(By.cssSelector("#events li"))
			.stream()
			.map((e) -> e.getDomAttribute("data-type"))
			.toList();
	}

	private static void awaitOneDoneRowAndOneArtifact(WebDriverWait wait, String key) {
		By doneRow = By.cssSelector("#effects tr[data-business-key='" + key + "'][data-status='done']");
		wait.until(ExpectedConditions.presenceOfElementLocated(doneRow));
		wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#artifacts li[data-name='" + TicketFiles.fileName(key) + "']")));
		assertThat(browser.findElements(By.cssSelector("#effects tr[data-business-key='" + key + "']"))).hasSize(1);
		assertThat(browser.findElements(By.cssSelector("#artifacts li[data-name='" + TicketFiles.fileName(key) + "']")))
			.hasSize(1);
	}

}
