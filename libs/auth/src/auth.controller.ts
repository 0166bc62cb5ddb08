import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { STAFF_ROLES, type StaffPrincipal, type StaffRole } from '@inbox/contracts';
import { CurrentStaff, Public, Roles } from './auth.decorators';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

class LoginDto {
  @ApiProperty({ example: 'admin@inbox.local' })
  @IsEmail()
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

class CreateUserDto {
  @ApiProperty() @IsEmail() email!: string;
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(120) name!: string;
  @ApiProperty({ enum: STAFF_ROLES }) @IsIn(STAFF_ROLES) role!: StaffRole;
  @ApiProperty({ required: false, type: [String], description: 'Teams; the default team when omitted' })
  @IsOptional()
  @IsUUID('all', { each: true })
  teamIds?: string[];
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly tokens: TokenService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto) {
    return this.tokens.login(body.email, body.password);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentStaff() staff: StaffPrincipal) {
    return staff;
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Post()
  create(@Body() body: CreateUserDto) {
    return this.users.create(body);
  }

  @Roles('supervisor', 'admin')
  @Get()
  async list() {
    return { items: await this.users.list() };
  }
}
