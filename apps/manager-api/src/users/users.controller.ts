import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { AdminRoute } from '../common/auth/admin-route.decorator';
import { PageResponse } from '../common/http/pagination.dto';
import { CreateUserDto, toUserResponse, UpdateUserDto, UserQueryDto, UserResponseDto } from './users.dto';
import { UsersService } from './users.service';

@AdminRoute()
@ApiTags('Users')
@ApiBearerAuth('admin')
@ApiConflictResponse({ description: 'SCIM_MANAGED: the customer\'s identity provider manages its users; or the email is taken' })
@Controller('customers/:customerId/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a user (email, firstName, lastName, optional gender, academicTitle, language, department, active)' })
  @ApiCreatedResponse({ description: 'The user' })
  async create(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Body() body: CreateUserDto,
  ): Promise<UserResponseDto> {
    return toUserResponse(await this.users.create(customerId, body));
  }

  @Get()
  @ApiOperation({ summary: "The customer's users ordered by email" })
  @ApiQuery({ name: 'page', required: false, type: Number, description: '1-based, default 1' })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: '1-200, default 50' })
  @ApiQuery({ name: 'search', required: false, type: String, description: 'Matches email or name, case-insensitively' })
  @ApiOkResponse({ description: '{items, total, page, pageSize}' })
  async list(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Query() query: UserQueryDto,
  ): Promise<PageResponse<UserResponseDto>> {
    const page = await this.users.list(customerId, query);
    return { ...page, items: page.items.map(toUserResponse) };
  }

  @Get(':userId')
  @ApiOperation({ summary: 'One user' })
  @ApiNotFoundResponse({ description: 'No such user of this customer' })
  async get(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<UserResponseDto> {
    return toUserResponse(await this.users.get(customerId, userId));
  }

  @Patch(':userId')
  @ApiOperation({ summary: 'Change a user; {"active": false} deactivates' })
  @ApiOkResponse({ description: 'The user' })
  async update(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponseDto> {
    return toUserResponse(await this.users.update(customerId, userId, body));
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    await this.users.delete(customerId, userId);
  }
}
