import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { AdminRoute } from '../common/auth/admin-route.decorator';
import { PageResponse, PaginationQueryDto } from '../common/http/pagination.dto';
import { CreateCustomerDto, CustomerResponseDto, toCustomerResponse } from './customers.dto';
import { CustomersService } from './customers.service';

@AdminRoute()
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateCustomerDto): Promise<CustomerResponseDto> {
    return toCustomerResponse(await this.customers.create(body));
  }

  @Get()
  async list(@Query() query: PaginationQueryDto): Promise<PageResponse<CustomerResponseDto>> {
    const page = await this.customers.list(query);
    return { ...page, items: page.items.map(toCustomerResponse) };
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<CustomerResponseDto> {
    return toCustomerResponse(await this.customers.get(id));
  }
}
