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
@ApiTags('Groups')
@ApiBearerAuth('admin')
@ApiConflictResponse({ description: 'SCIM_MANAGED: the customer\'s identity provider manages its groups; or the name is taken' })
@Controller('customers/:customerId/groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a group (body: {name}, unique per customer case-insensitively)' })
  @ApiCreatedResponse({ description: 'The group with its member count' })
  async create(@Param('customerId', ParseUUIDPipe) customerId: string, @Body() body: CreateGroupDto): Promise<GroupResponseDto> {
    return toGroupResponse(await this.groups.create(customerId, body.name), 0);
  }

  @Get()
  @ApiOperation({ summary: "The customer's groups with member counts" })
  @ApiQuery({ name: 'page', required: false, type: Number, description: '1-based, default 1' })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: '1-200, default 50' })
  @ApiQuery({ name: 'search', required: false, type: String, description: 'Matches the name, case-insensitively' })
  @ApiOkResponse({ description: '{items, total, page, pageSize}' })
  async list(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Query() query: GroupQueryDto,
  ): Promise<PageResponse<GroupResponseDto>> {
    const page = await this.groups.list(customerId, query);
    return { ...page, items: page.items.map((i) => toGroupResponse(i.group, i.memberCount)) };
  }

  @Get(':groupId')
  @ApiOperation({ summary: 'One group with its member count' })
  @ApiNotFoundResponse({ description: 'No such group of this customer' })
  async get(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
  ): Promise<GroupResponseDto> {
    const { group, memberCount } = await this.groups.get(customerId, groupId);
    return toGroupResponse(group, memberCount);
  }

  @Patch(':groupId')
  @ApiOperation({ summary: 'Rename a group (body: {name})' })
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
  @ApiOperation({ summary: 'Delete a group (its users stay)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
  ): Promise<void> {
    await this.groups.delete(customerId, groupId);
  }

  @Get(':groupId/members')
  @ApiOperation({ summary: 'The members of a group' })
  @ApiQuery({ name: 'page', required: false, type: Number, description: '1-based, default 1' })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: '1-200, default 50' })
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
  @ApiOperation({ summary: 'Add members (body: {userIds}, at most 1000; ids that are not users of the customer → 400, nothing applied)' })
  async addMembers(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Body() body: GroupMembersDto,
  ): Promise<GroupResponseDto> {
    await this.groups.addMembers(customerId, groupId, body.userIds);
    return this.get(customerId, groupId);
  }

  @Delete(':groupId/members')
  @ApiOperation({ summary: 'Remove members (body: {userIds})' })
  async removeMembers(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Body() body: GroupMembersDto,
  ): Promise<GroupResponseDto> {
    await this.groups.removeMembers(customerId, groupId, body.userIds);
    return this.get(customerId, groupId);
  }
}
