import { IsIn } from 'class-validator';
import { SCIM_PROVIDERS, ScimProvider } from './scim-connection.entity';

export class EnableScimDto {
  @IsIn(SCIM_PROVIDERS)
  provider!: ScimProvider;
}

/** The only response that ever carries a SCIM token. */
export interface ScimCredentialsResponseDto {
  readonly baseUrl: string;
  readonly token: string;
}
