import type { ScimAction } from '@app/scim/ports/event-sink';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ProvisioningEvent } from './provisioning-event.entity';

// A Record so that a new ScimAction in the library fails the type check until it is listed here.
const SCIM_ACTIONS: Record<ScimAction, true> = {
  create: true,
  adopt: true,
  replay: true,
  update: true,
  deactivate: true,
  reactivate: true,
  delete: true,
  read: true,
  lookup: true,
  'members-added': true,
  'members-removed': true,
};

/** Every action the provisioning log records (a failed or refused request has none: filter by outcome). */
export const LOGGED_ACTIONS = Object.keys(SCIM_ACTIONS) as readonly ScimAction[];
export type LoggedAction = ScimAction;

export const EVENT_OUTCOMES = ['success', 'failure'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

export const MAX_EVENTS_PAGE = 200;

/** `?limit=50&cursor=&outcome=success|failure&action=`; the cursor is the `nextCursor` of the previous page. */
export class ScimEventsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EVENTS_PAGE, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_EVENTS_PAGE)
  limit = 50;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page (opaque)' })
  @IsOptional() @IsString() @MaxLength(200) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value returned by this API' })
  cursor?: string;

  @ApiPropertyOptional({ enum: EVENT_OUTCOMES, description: 'success: status < 400; failure: status >= 400' })
  @IsOptional() @IsIn(EVENT_OUTCOMES)
  outcome?: EventOutcome;

  @ApiPropertyOptional({ enum: LOGGED_ACTIONS })
  @IsOptional() @IsIn(LOGGED_ACTIONS)
  action?: LoggedAction;
}

export class ScimEventResponseDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ format: 'date-time' }) readonly at!: string;
  @ApiProperty({ type: String, nullable: true }) readonly requestId!: string | null;
  @ApiProperty({ example: 'PATCH' }) readonly method!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['User', 'Group'] }) readonly resourceType!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly resourceId!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: LOGGED_ACTIONS, description: 'null when the request failed' })
  readonly action!: string | null;
  @ApiProperty({ type: [String], description: 'Names of the changed attributes, never their values' })
  readonly changedAttributes!: string[];
  @ApiProperty({ type: [String], description: 'IdP dialect rules the request needed, e.g. op-case' })
  readonly dialectRules!: string[];
  @ApiProperty({ example: 200 }) readonly status!: number;
  @ApiProperty({ type: String, nullable: true, example: 'uniqueness' }) readonly scimType!: string | null;
  @ApiProperty() readonly durationMs!: number;
}

export class ScimEventsPageResponseDto {
  @ApiProperty({ type: [ScimEventResponseDto], description: 'Newest first' })
  readonly items!: ScimEventResponseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next (older) page; null on the last page' })
  readonly nextCursor!: string | null;
}

export function toScimEventResponse(event: ProvisioningEvent): ScimEventResponseDto {
  return {
    id: event.id,
    at: event.at.toISOString(),
    requestId: event.requestId,
    method: event.method,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    action: event.action,
    changedAttributes: event.changedAttributes,
    dialectRules: event.dialectRules,
    status: event.status,
    scimType: event.scimType,
    durationMs: event.durationMs,
  };
}
