import { ApiProperty } from '@nestjs/swagger';
import { HintCode, HintSeverity } from './scim-doctor';
import { SCIM_PROFILES, SCIM_PROVIDERS, ScimProfile, ScimProvider } from './scim-connection.entity';

const HINT_CODES: readonly HintCode[] = [
  'TOKEN_MISMATCH',
  'SOURCE_IP_REFUSED',
  'OLD_TOKEN_IN_USE',
  'EMAIL_MAPPING_MISSING',
  'STRING_BOOLEANS',
  'IDP_MISMATCH',
  'NO_RECENT_REQUESTS',
  'NEVER_USED',
];

export class ScimUserCountsDto {
  @ApiProperty() readonly total!: number;
  @ApiProperty() readonly active!: number;
  @ApiProperty() readonly inactive!: number;
}

export class ScimHintDto {
  @ApiProperty({ enum: HINT_CODES }) readonly code!: HintCode;
  @ApiProperty({ enum: ['info', 'warning', 'error'] }) readonly severity!: HintSeverity;
  @ApiProperty({ description: 'What was seen and what to do about it' }) readonly message!: string;
}

/** A customer's SCIM connection at a glance; the token itself is never part of it. */
export class ScimStatusResponseDto {
  @ApiProperty() readonly enabled!: boolean;
  @ApiProperty({ type: String, enum: SCIM_PROVIDERS, nullable: true, description: 'null: SCIM was never enabled' })
  readonly provider!: ScimProvider | null;
  @ApiProperty({ type: String, enum: SCIM_PROFILES, nullable: true, description: "The stored profile, else the provider's" })
  readonly profile!: ScimProfile | null;
  @ApiProperty({ type: String, nullable: true }) readonly idpTenantId!: string | null;
  @ApiProperty({ example: 'https://manager.example.com/scim/v2' }) readonly baseUrl!: string;
  @ApiProperty({ type: String, nullable: true, description: 'First characters of the newest token not revoked' })
  readonly tokenPrefix!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly tokenCreatedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly tokenLastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly lastRequestAt!: string | null;
  @ApiProperty({ type: ScimUserCountsDto }) readonly users!: ScimUserCountsDto;
  @ApiProperty({ description: "Number of the customer's groups" }) readonly groups!: number;
  @ApiProperty({ description: 'Provisioning events with status >= 400 in the last 24 hours' }) readonly errorsLast24h!: number;
  @ApiProperty({ type: [ScimHintDto], description: 'Setup hints from the provisioning log, most severe first' })
  readonly hints!: ScimHintDto[];
}
