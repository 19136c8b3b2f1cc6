import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { AdminRoute } from '../common/auth/admin-route.decorator';
import { PageResponse, PaginationQueryDto } from '../common/http/pagination.dto';
import { toUserResponse, UserResponseDto } from '../users/users.dto';
import {
  CreateGroupDto,
  GroupMembersDto,
  GroupQueryDto,
  GroupResponseDto,
  toGroupResponse,
  UpdateGroupDto,
} from './groups.dto';
import { GroupsService } from './groups.service';

@AdminRoute()
@Controller('customers/:customerId/groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @HttpCode(201)
  async create(@Param('customerId', ParseUUIDPipe) customerId: string, @Body() body: CreateGroupDto): Promise<GroupResponseDto> {
    return toGroupResponse(await this.groups.create(customerId, body.name), 0);
  }

  @Get()
  async list(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Query() query: GroupQueryDto,
  ): Promise<PageResponse<GroupResponseDto>> {
    const page = await this.groups.list(customerId, query);
    return { ...page, items: page.items.map((i) => toGroupResponse(i.group, i.memberCount)) };
  }

  @Get(':groupId')
  async get(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
  ): Promise<GroupResponseDto> {
    const { group, memberCount } = await this.groups.get(customerId, groupId);
    return toGroupResponse(group, memberCount);
  }

  @Patch(':groupId')
  async rename(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Body() body: UpdateGroupDto,
  ): Promise<GroupResponseDto> {
    await this.groups.rename(customerId, groupId, body.name);
    return this.get(customerId, groupId);
  }

  @Delete(':groupId')
  @HttpCode(204)
  async delete(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
  ): Promise<void> {
    await this.groups.delete(customerId, groupId);
  }

  @Get(':groupId/members')
  async members(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<PageResponse<UserResponseDto>> {
    const page = await this.groups.members(customerId, groupId, query);
    return { ...page, items: page.items.map(toUserResponse) };
  }

  @Post(':groupId/members')
  @HttpCode(200)
  async addMembers(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Body() body: GroupMembersDto,
  ): Promise<GroupResponseDto> {
    await this.groups.addMembers(customerId, groupId, body.userIds);
    return this.get(customerId, groupId);
  }

  @Delete(':groupId/members')
  async removeMembers(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Body() body: GroupMembersDto,
  ): Promise<GroupResponseDto> {
    await this.groups.removeMembers(customerId, groupId, body.userIds);
    return this.get(customerId, groupId);
  }
}
