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

package io.driftq.demo.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.driftq.demo.config.DemoProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The demo's stand-in for a payment provider: one create-only file per idempotency key
 * under {@code ARTIFACTS_DIR/charges}. A second request with the same key finds the file
 * and returns its charge, as a real provider's idempotency layer does.
 */
@Component
class FilePaymentGateway implements PaymentGateway {

	private final Path chargesDir;

	private final JsonMapper json;

	FilePaymentGateway(DemoProperties properties, JsonMapper json) {
		this.chargesDir = properties.chargesDir();
		this.json = json;
	}

	@Override
	public String charge(String idempotencyKey, String businessKey, double amount) {
		String digest = sha256(idempotencyKey);
		String chargeId = "ch_" + digest.substring(0, 24);
		Path file = this.chargesDir.resolve(digest + ".json");
		Map<String, Object> charge = new LinkedHashMap<>();
		charge.put("charge_id", chargeId);
		charge.put("idempotency_key", idempotencyKey);
		charge.put("business_key", businessKey);
		charge.put("amount", amount);
		charge.put("created_ms", System.currentTimeMillis());
		try {
			// false: the provider already has this charge; it answers with it and charges
			// nothing
			CreateOnlyFile.write(file, this.json.writeValueAsBytes(charge));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("payment provider unreachable: " + ex.getMessage(), ex);
		}
		return chargeId;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
