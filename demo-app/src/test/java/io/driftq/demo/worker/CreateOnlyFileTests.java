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
