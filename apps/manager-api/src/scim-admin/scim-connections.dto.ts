import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { isCidr } from '@app/scim/auth/source-ip';
import { SCIM_PROFILES, SCIM_PROVIDERS, ScimProfile, ScimProvider } from './scim-connection.entity';

@ValidatorConstraint({ name: 'cidrList' })
class CidrList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return Array.isArray(value) && value.every((v) => typeof v === 'string' && isCidr(v));
  }
  defaultMessage(): string {
    return 'allowedSourceIps must be IPv4/IPv6 addresses or CIDR blocks, e.g. 20.190.128.0/18';
  }
}

const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);

/** Settings of a connection that an admin may change. */
export class ScimSettingsDto {
  /** Which IdP deviations to tolerate; default: the provider's (`strict` accepts RFC 7644 only). */
  @IsOptional() @IsIn(SCIM_PROFILES)
  profile?: ScimProfile;

  /** The IdP's tenant id (Entra: the directory id); Entra-issued JWTs of other tenants are refused. */
  @IsOptional() @Transform(lowerCase) @IsUUID('all', { message: 'idpTenantId must be the tenant GUID' })
  idpTenantId?: string;

  /** SCIM requests are accepted only from these addresses (empty: from anywhere). */
  @IsOptional() @IsArray() @ArrayMaxSize(100) @Validate(CidrList)
  allowedSourceIps?: string[];
}

export class EnableScimDto extends ScimSettingsDto {
  @IsIn(SCIM_PROVIDERS)
  provider!: ScimProvider;

  /** Optional token lifetime in days; default: no expiry (IdPs expect long-lived tokens). */
  @IsOptional() @IsInt() @Min(1) @Max(3650)
  tokenExpiresInDays?: number;
}

export class RotateScimTokenDto {
  @IsOptional() @IsInt() @Min(1) @Max(3650)
  tokenExpiresInDays?: number;
}

/** The only response that ever carries a SCIM token. */
export interface ScimCredentialsResponseDto {
  readonly baseUrl: string;
  readonly token: string;
  /** After a rotation: until when the previous token keeps working (ISO time), else absent. */
  readonly previousTokenValidUntil?: string;
}
