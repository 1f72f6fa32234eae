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

package io.driftq.demo.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Well-formed Unicode text (no lone surrogate, which UTF-8 cannot carry: two such keys
 * would be stored and hashed alike) of {@code min} to {@code max} code points, as JSON
 * Schema's {@code minLength} / {@code maxLength} count them ({@code @Size} counts UTF-16
 * units, so an emoji would count twice). {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = UnicodeText.Validator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@interface UnicodeText {

	int min() default 0;

	int max() default Integer.MAX_VALUE;

	String message() default "must be {min} to {max} characters of well-formed Unicode";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Counts the code points of the text and looks for lone surrogates. */
	class Validator implements ConstraintValidator<UnicodeText, CharSequence> {

		private int min;

		private int max;

		@Override
		public void initialize(UnicodeText annotation) {
			this.min = annotation.min();
			this.max = annotation.max();
		}

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			int length = 0;
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (Character.isHighSurrogate(c) && i + 1 < value.length()
						&& Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
				}
				else if (Character.isSurrogate(c)) {
					return false;
				}
				length++;
			}
			return length >= this.min && length <= this.max;
		}

	}

}
