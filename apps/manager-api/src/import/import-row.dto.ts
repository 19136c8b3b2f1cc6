import { plainToInstance, Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Length, MaxLength, validateSync } from 'class-validator';
import { IsEmailAddress } from '../common/text/email-address';
import { GENDERS, Gender } from '../users/user.entity';
import { StoredText } from '../common/text/stored-text';
import { parseGender } from '../users/gender';
import { RawRow } from './import-columns';

const gender = ({ value }: { value: unknown }) => (typeof value === 'string' ? (parseGender(value) ?? value) : value);
const groupList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? [...new Set(value.split(';').map((g) => g.trim()).filter((g) => g !== ''))] : value;

/** The rules for one import row; a failing row is reported and skipped, never fails the file. */
export class ImportRowDto {
  @IsEmailAddress({ message: 'email is not a valid email address' }) @MaxLength(254) @StoredText(254, { keyed: true })
  email!: string;

  @IsString() @Length(1, 100, { message: 'firstName is required (at most 100 characters)' }) @StoredText(100, { keyed: true })
  firstName!: string;

  @IsString() @Length(1, 100, { message: 'lastName is required (at most 100 characters)' }) @StoredText(100, { keyed: true })
  lastName!: string;

  @IsOptional() @Transform(gender) @IsIn(GENDERS, { message: `gender must be one of ${GENDERS.join(', ')}` })
  gender?: Gender;

  @IsOptional() @IsString() @StoredText(64)
  academicTitle?: string;

  @IsOptional() @Transform(groupList) @ArrayMaxSize(50) @Length(1, 200, { each: true }) @StoredText(200, { keyed: true, each: true })
  groups?: string[];
}

export type ImportRowResult = { row: number; data: ImportRowDto } | { row: number; error: string };

export function validateImportRow(raw: RawRow): ImportRowResult {
  const dto = plainToInstance(ImportRowDto, { ...raw.cells });
  const errors = validateSync(dto, { forbidUnknownValues: false });
  if (errors.length === 0) return { row: raw.row, data: dto };
  const error = errors
    .map((e) => (e.value === undefined ? `${e.property} is required` : (Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`)))
    .join('; ');
  return { row: raw.row, error };
}
