export enum ManagerErrorCode {
  VALIDATION = 'VALIDATION',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  SCIM_MANAGED = 'SCIM_MANAGED',
  UNAUTHORIZED = 'UNAUTHORIZED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
}

export interface FieldProblem {
  readonly field: string;
  readonly problems: readonly string[];
}

/** A failure of the Manager's own API; `manager-error.filter.ts` is the one place that maps codes to HTTP. */
export class ManagerError extends Error {
  constructor(
    readonly code: ManagerErrorCode,
    message: string,
    readonly fields?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = 'ManagerError';
  }

  static notFound(what: string): ManagerError {
    return new ManagerError(ManagerErrorCode.NOT_FOUND, `${what} not found`);
  }

  static scimManaged(): ManagerError {
    return new ManagerError(
      ManagerErrorCode.SCIM_MANAGED,
      "This customer's users and groups are managed by SCIM in the identity provider; change them there.",
    );
  }
}
