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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CreateOnlyFileTests {

	@Test
	void writesOnceAndKeepsTheFirstContent(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("sub").resolve("ticket_o-1.json");

		assertThat(CreateOnlyFile.write(file, "first".getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(CreateOnlyFile.write(file, "second".getBytes(StandardCharsets.UTF_8))).isFalse();

		assertThat(Files.readString(file)).isEqualTo("first");
		try (var files = Files.list(file.getParent())) {
			assertThat(files.map((p) -> p.getFileName().toString())).containsExactly("ticket_o-1.json");
		}
	}

}
