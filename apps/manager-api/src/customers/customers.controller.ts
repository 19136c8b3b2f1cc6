import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminRoute } from '../common/auth/admin-route.decorator';
import { PageResponse, PaginationQueryDto } from '../common/http/pagination.dto';
import { CreateCustomerDto, CustomerResponseDto, toCustomerResponse } from './customers.dto';
import { CustomersService } from './customers.service';

@AdminRoute()
@ApiTags('Customers')
@ApiBearerAuth('admin')
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a customer (body: {name})' })
  @ApiCreatedResponse({ description: 'The customer' })
  async create(@Body() body: CreateCustomerDto): Promise<CustomerResponseDto> {
    return toCustomerResponse(await this.customers.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'List customers in creation order' })
  @ApiQuery({ name: 'page', required: false, type: Number, description: '1-based, default 1' })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: '1-200, default 50' })
  @ApiOkResponse({ description: '{items, total, page, pageSize}' })
  async list(@Query() query: PaginationQueryDto): Promise<PageResponse<CustomerResponseDto>> {
    const page = await this.customers.list(query);
    return { ...page, items: page.items.map(toCustomerResponse) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One customer' })
  @ApiOkResponse({ description: 'The customer' })
  @ApiNotFoundResponse({ description: 'No such customer' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<CustomerResponseDto> {
    return toCustomerResponse(await this.customers.get(id));
  }
}
