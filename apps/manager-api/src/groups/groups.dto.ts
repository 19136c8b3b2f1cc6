import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID } from 'class-validator';
import { PaginationQueryDto } from '../common/http/pagination.dto';
import { StoredText } from '../common/text/stored-text';
import { UserSource } from '../users/user.entity';
import { Group } from './group.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const MAX_MEMBERS_PER_REQUEST = 1000;

export class CreateGroupDto {
  @Transform(trim) @IsString() @IsNotEmpty() @StoredText(200, { keyed: true })
  name!: string;
}

export class UpdateGroupDto extends CreateGroupDto {}

export class GroupQueryDto extends PaginationQueryDto {
  @IsOptional() @Transform(trim) @IsString() @StoredText(200)
  search?: string;
}

export class GroupMembersDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_MEMBERS_PER_REQUEST) @IsUUID('all', { each: true })
  userIds!: string[];
}

export interface GroupResponseDto {
  readonly id: string;
  readonly customerId: string;
  readonly name: string;
  readonly externalId: string | null;
  readonly source: UserSource;
  readonly memberCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toGroupResponse(group: Group, memberCount: number): GroupResponseDto {
  return {
    id: group.id,
    customerId: group.customerId,
    name: group.name,
    externalId: group.externalId,
    source: group.source,
    memberCount,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}
