import { ValidationError } from '../../kernel/index.js';

/**
 * Checks that a locale is a well-formed BCP 47 tag that this runtime's `Intl` supports. An
 * unsupported tag is refused rather than left to `Intl`, which would silently fall back to the
 * host's default locale and make the result depend on the machine.
 */
export function assertSupportedLocale(locale: unknown): string {
  if (typeof locale !== 'string') {
    throw new ValidationError('INVALID_ARGUMENT', 'The locale must be a BCP 47 language tag such as "en-US".');
  }
  let supported: readonly string[];
  try {
    supported = Intl.NumberFormat.supportedLocalesOf(locale);
  } catch (error) {
    throw new ValidationError('INVALID_ARGUMENT', 'The locale is not a well-formed BCP 47 language tag.', {
      cause: error,
    });
  }
  if (supported.length === 0) {
    throw new ValidationError('INVALID_ARGUMENT', 'The locale is not supported by the Intl data of this runtime.');
  }
  return locale;
}
