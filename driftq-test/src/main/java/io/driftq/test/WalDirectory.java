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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory that holds a {@link DriftqServer}'s WAL: either one given to the builder,
 * which is never deleted, or a new temporary one, which {@link #delete()} removes unless
 * it is to be kept.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
final class WalDirectory {

	// logs under the public class, whose name is what users configure
	private static final Logger logger = LoggerFactory.getLogger(DriftqServer.class);

	private final Path path;

	private final boolean temporary;

	private WalDirectory(Path path, boolean temporary) {
		this.path = path;
		this.temporary = temporary;
	}

	/**
	 * Create the WAL directory of a server.
	 * @param given the directory given to the builder, or {@code null} for a new
	 * temporary one
	 * @param name the server's name, part of a temporary directory's name
	 * @param keep whether {@link #delete()} keeps a temporary directory
	 * @return the WAL directory
	 * @throws IOException if the directory cannot be created
	 */
	static WalDirectory create(@Nullable Path given, String name, boolean keep) throws IOException {
		if (given != null) {
			return new WalDirectory(Files.createDirectories(given).toAbsolutePath(), false);
		}
		return new WalDirectory(Files.createTempDirectory("driftq-" + name + "-").toAbsolutePath(), !keep);
	}

	/**
	 * Return the directory, which is also the server's working directory.
	 * @return the absolute path of the directory
	 */
	Path path() {
		return this.path;
	}

	/**
	 * Return the WAL file inside the directory.
	 * @return the WAL file, which may not exist yet
	 */
	Path walFile() {
		return this.path.resolve(DriftqServer.WAL_FILE_NAME);
	}

	/**
	 * Delete the directory and everything in it if it is a temporary one that is not
	 * kept; a failure is logged, not thrown, since it only leaves garbage behind.
	 */
	void delete() {
		if (!this.temporary) {
			return;
		}
		try (Stream<Path> paths = Files.walk(this.path)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot delete DriftQ WAL directory {}: {}", this.path, ex.getMessage());
		}
	}

}
