import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString } from 'class-validator';
import { Customer } from './customer.entity';
import { StoredText } from '../common/text/stored-text';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCustomerDto {
  @Transform(trim) @IsString() @IsNotEmpty() @StoredText(200)
  name!: string;
}

export interface CustomerResponseDto {
  readonly id: string;
  readonly name: string;
  readonly scimEnabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toCustomerResponse(customer: Customer): CustomerResponseDto {
  return {
    id: customer.id,
    name: customer.name,
    scimEnabled: customer.scimEnabled,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}
