import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsEmailAddress } from '../common/text/email-address';
import { GENDERS, Gender, User, UserSource } from './user.entity';
import { PaginationQueryDto } from '../common/http/pagination.dto';
import { StoredText } from '../common/text/stored-text';
import { parseGender } from './gender';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const gender = ({ value }: { value: unknown }) => (typeof value === 'string' ? (parseGender(value) ?? value) : value);

export class CreateUserDto {
  @Transform(trim) @IsEmailAddress() @MaxLength(254) @StoredText(254, { keyed: true })
  email!: string;

  @Transform(trim) @IsString() @Length(1, 100) @StoredText(100, { keyed: true })
  firstName!: string;

  @Transform(trim) @IsString() @Length(1, 100) @StoredText(100, { keyed: true })
  lastName!: string;

  @IsOptional() @Transform(gender) @IsIn(GENDERS)
  gender?: Gender;

  @IsOptional() @Transform(trim) @IsString() @StoredText(64)
  academicTitle?: string;

  @IsOptional() @Transform(trim) @IsString() @StoredText(35)
  language?: string;

  @IsOptional() @Transform(trim) @IsString() @StoredText(200)
  department?: string;

  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class UpdateUserDto {
  @IsOptional() @Transform(trim) @IsEmailAddress() @MaxLength(254) @StoredText(254, { keyed: true })
  email?: string;

  @IsOptional() @Transform(trim) @IsString() @Length(1, 100) @StoredText(100, { keyed: true })
  firstName?: string;

  @IsOptional() @Transform(trim) @IsString() @Length(1, 100) @StoredText(100, { keyed: true })
  lastName?: string;

  @IsOptional() @Transform(gender) @IsIn([...GENDERS, null])
  gender?: Gender | null;

  @IsOptional() @Transform(trim) @IsString() @StoredText(64)
  academicTitle?: string | null;

  @IsOptional() @Transform(trim) @IsString() @StoredText(35)
  language?: string | null;

  @IsOptional() @Transform(trim) @IsString() @StoredText(200)
  department?: string | null;

  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class UserQueryDto extends PaginationQueryDto {
  /** Matches email or name, case-insensitively, anywhere in the text. */
  @IsOptional() @Transform(trim) @IsString() @StoredText(200)
  search?: string;
}

export interface UserResponseDto {
  readonly id: string;
  readonly customerId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly gender: Gender | null;
  readonly academicTitle: string | null;
  readonly language: string | null;
  readonly department: string | null;
  readonly active: boolean;
  readonly source: UserSource;
  readonly externalId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deactivatedAt: string | null;
}

export function toUserResponse(user: User): UserResponseDto {
  return {
    id: user.id,
    customerId: user.customerId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    gender: user.gender,
    academicTitle: user.academicTitle,
    language: user.language,
    department: user.department,
    active: user.active,
    source: user.source,
    externalId: user.externalId,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
  };
}
