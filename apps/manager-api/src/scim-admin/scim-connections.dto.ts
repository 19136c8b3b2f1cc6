import { IsIn, IsOptional } from 'class-validator';
import { SCIM_PROFILES, SCIM_PROVIDERS, ScimProfile, ScimProvider } from './scim-connection.entity';

export class EnableScimDto {
  @IsIn(SCIM_PROVIDERS)
  provider!: ScimProvider;

  /** Which IdP deviations to tolerate; default: the provider's (`strict` accepts RFC 7644 only). */
  @IsOptional() @IsIn(SCIM_PROFILES)
  profile?: ScimProfile;
}

/** The only response that ever carries a SCIM token. */
export interface ScimCredentialsResponseDto {
  readonly baseUrl: string;
  readonly token: string;
}
