import { buildMessage, isEmail, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * class-validator's isEmail for any input: validator.js throws a URIError on a lone surrogate (its byte
 * count goes through encodeURI), and such a text is no address anyway.
 */
export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && !/\p{Cs}/u.test(value) && isEmail(value);
}

/** `@IsEmail()` that answers `false` instead of throwing (see isEmailAddress). */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEmailAddress',
      validator: {
        validate: (value: unknown) => isEmailAddress(value),
        defaultMessage: buildMessage((each) => `${each}$property must be an email`, options),
      },
    },
    options,
  );
}
