import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { AdminRoute } from '../common/auth/admin-route.decorator';
import { PageResponse } from '../common/http/pagination.dto';
import { CreateUserDto, toUserResponse, UpdateUserDto, UserQueryDto, UserResponseDto } from './users.dto';
import { UsersService } from './users.service';

@AdminRoute()
@Controller('customers/:customerId/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  async create(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Body() body: CreateUserDto,
  ): Promise<UserResponseDto> {
    return toUserResponse(await this.users.create(customerId, body));
  }

  @Get()
  async list(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Query() query: UserQueryDto,
  ): Promise<PageResponse<UserResponseDto>> {
    const page = await this.users.list(customerId, query);
    return { ...page, items: page.items.map(toUserResponse) };
  }

  @Get(':userId')
  async get(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<UserResponseDto> {
    return toUserResponse(await this.users.get(customerId, userId));
  }

  @Patch(':userId')
  async update(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponseDto> {
    return toUserResponse(await this.users.update(customerId, userId, body));
  }

  @Delete(':userId')
  @HttpCode(204)
  async delete(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    await this.users.delete(customerId, userId);
  }
}
