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

package io.driftq.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The log file of a {@link DriftqServer}: one file per server,
 * {@code <name>-<timestamp>.log}, that collects the output of all its starts;
 * {@link DriftqServer} appends a marker line before each start and quotes the tail since
 * that marker when a start fails.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
final class ServerLog {

	private static final int TAIL_LINES = 40;

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS");

	private final Path file;

	private ServerLog(Path file) {
		this.file = file;
	}

	/**
	 * Create a new, empty log file for a server in {@code directory}, creating the
	 * directory if needed.
	 * @param directory the log directory
	 * @param name the server's name
	 * @return the log
	 * @throws IOException if the directory or the file cannot be created
	 */
	static ServerLog create(Path directory, String name) throws IOException {
		Path absolute = Files.createDirectories(directory).toAbsolutePath();
		String base = name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + LocalDateTime.now().format(TIMESTAMP);
		for (int i = 1;; i++) {
			Path candidate = absolute.resolve(base + ((i == 1) ? "" : "-" + i) + ".log");
			try {
				return new ServerLog(Files.createFile(candidate));
			}
			catch (FileAlreadyExistsException ex) {
				// another server with the same name started in the same millisecond
			}
		}
	}

	/**
	 * Return the log file.
	 * @return the absolute path of the file
	 */
	Path file() {
		return this.file;
	}

	/**
	 * Append {@code text} to the log.
	 * @param text the text
	 * @return the size of the file before the text, where a later {@link #tail(long)}
	 * starts
	 */
	long append(String text) {
		try {
			long offset = Files.size(this.file);
			Files.writeString(this.file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
			return offset;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.file, ex);
		}
	}

	/**
	 * Return the last lines written since {@code fromOffset}, for error messages.
	 * @param fromOffset where to start reading
	 * @return the lines, or why they cannot be read
	 */
	String tail(long fromOffset) {
		try {
			byte[] bytes = Files.readAllBytes(this.file);
			int from = (int) Math.min(fromOffset, bytes.length);
			String text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
			List<String> lines = text.lines().toList();
			return String.join(System.lineSeparator(),
					lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + this.file + ": " + ex.getMessage() + ")";
		}
	}

}
