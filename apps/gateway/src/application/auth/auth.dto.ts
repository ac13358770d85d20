import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Role, ROLES, SCOPE_LEVELS, ScopeLevel } from '@pb/platform';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class SignInDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64, { message: 'username 长度须在 1 到 64 之间' })
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 256, { message: 'password 长度须在 1 到 256 之间' })
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200, { message: 'refreshToken 格式不正确' })
  refreshToken!: string;
}

export class ScopeDto {
  @ApiProperty({ enum: SCOPE_LEVELS })
  @IsIn(SCOPE_LEVELS, { message: `scope.level 必须是以下之一：${SCOPE_LEVELS.join(', ')}` })
  level!: ScopeLevel;

  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: 'scope.districtId 格式不正确' }) districtId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: 'scope.subDistrictId 格式不正确' }) subDistrictId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: 'scope.zoneId 格式不正确' }) zoneId?: string;
}

/** Where a user acts: its role, jurisdiction and, for some roles, what it acts for. */
export class UserPlacementDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role 必须是以下之一：${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({ type: ScopeDto })
  @ValidateNested()
  @Type(() => ScopeDto)
  scope!: ScopeDto;

  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: 'organizationId 格式不正确' }) organizationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: 'enterpriseCode 须为 18 位统一社会信用代码' })
  enterpriseCode?: string;

  @ApiPropertyOptional({ description: '本人的党员编号（书记须为所领导党组织的党员）' })
  @IsOptional()
  @Matches(ID, { message: 'memberId 格式不正确' })
  memberId?: string;

  @ApiPropertyOptional({ description: '网格员档案编号（仅网格员）' })
  @IsOptional()
  @Matches(ID, { message: 'gridWorkerId 格式不正确' })
  gridWorkerId?: string;

  @ApiPropertyOptional({ description: '职能部门编号（仅职能部门工作人员，必填）' })
  @IsOptional()
  @Matches(ID, { message: 'departmentId 格式不正确' })
  departmentId?: string;
}

export class CreateUserDto extends UserPlacementDto {
  @ApiProperty({ example: 'fuqiao-grid-01' })
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'username 须为 3-64 位字母、数字、下划线、点或连字符' })
  username!: string;

  @ApiProperty({ example: '阜桥街道网格员一' })
  @IsString()
  @Length(1, 50, { message: 'displayName 长度须在 1 到 50 之间' })
  displayName!: string;

  @ApiProperty({ description: '至少 12 位' })
  @IsString()
  @Length(1, 256, { message: 'password 长度须在 1 到 256 之间' })
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'fuqiao-grid-01' })
  @IsString()
  @Length(1, 64, { message: 'username 长度须在 1 到 64 之间' })
  username!: string;

  @ApiProperty({ description: '当前密码（管理员重置后为临时密码）' })
  @IsString()
  @Length(1, 256, { message: 'currentPassword 长度须在 1 到 256 之间' })
  currentPassword!: string;

  @ApiProperty({ description: '新密码，至少 12 位' })
  @IsString()
  @Length(1, 256, { message: 'newPassword 长度须在 1 到 256 之间' })
  newPassword!: string;
}

/** The user an administrator acts on, from the path. */
export class UserIdParam {
  @ApiProperty({ example: 'user-0b7c…' })
  @Matches(/^[A-Za-z0-9_-]{1,80}$/, { message: 'userId 格式不正确' })
  userId!: string;
}

/** 调整角色和辖区: the whole placement, as at creation. */
export class ReassignUserDto extends UserPlacementDto {}

/** 重置密码: the temporary password the administrator hands over; the user replaces it at the next sign-in. */
export class ResetPasswordDto {
  @ApiProperty({ description: '临时密码，至少 12 位' })
  @IsString()
  @Length(1, 256, { message: 'temporaryPassword 长度须在 1 到 256 之间' })
  temporaryPassword!: string;
}

/** 用户列表: a jurisdiction inside the administrator's, a role, a status, a search; paged by username. */
export class UserListQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: 'districtId 格式不正确' }) districtId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: 'subDistrictId 格式不正确' }) subDistrictId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: 'zoneId 格式不正确' }) zoneId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role 必须是以下之一：${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ enum: ['ACTIVE', 'DISABLED'], description: 'ACTIVE 启用中，DISABLED 已停用' })
  @IsOptional()
  @IsIn(['ACTIVE', 'DISABLED'], { message: 'status 必须是 ACTIVE 或 DISABLED' })
  status?: 'ACTIVE' | 'DISABLED';

  @ApiPropertyOptional({ description: '用户名开头或姓名中的文字' })
  @IsOptional()
  @IsString()
  @Length(1, 50, { message: 'q 长度须在 1 到 50 之间' })
  q?: string;

  @ApiPropertyOptional({ description: '逗号分隔的用户编号，至多 200 个' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @ArrayMaxSize(200, { message: 'userIds 至多 200 个' })
  @Matches(/^[A-Za-z0-9_-]{1,80}$/, { each: true, message: 'userIds 格式不正确' })
  userIds?: string[];

  @ApiPropertyOptional({ description: '上一页最后一个用户名' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'after 格式不正确' })
  after?: string;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为 1 到 500 的整数' })
  @Min(1, { message: 'limit 须为 1 到 500 的整数' })
  @Max(500, { message: 'limit 须为 1 到 500 的整数' })
  limit?: number;
}
