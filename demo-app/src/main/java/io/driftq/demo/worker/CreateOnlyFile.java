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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a file only if it does not exist, and whole or not at all: the bytes go to a
 * temporary file that is then hard-linked to its name (a link fails if the name exists).
 * A JVM killed mid-write leaves at most a stray {@code .tmp} file, never a half-written
 * artifact.
 */
final class CreateOnlyFile {

	private CreateOnlyFile() {
	}

	/**
	 * Creates {@code file} with {@code content} unless it exists.
	 * @param file the file
	 * @param content its content
	 * @return {@code true} if this call created it, {@code false} if it was there already
	 * @throws IOException when the directory cannot be written
	 */
	static boolean write(Path file, byte[] content) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		if (Files.exists(file)) {
			return false;
		}
		Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
		try {
			Files.write(tmp, content);
			Files.createLink(file, tmp);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

}
