import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, MaxLength, ValidateNested } from 'class-validator';
import { CurrentStaff } from '@inbox/auth';
import type { StaffPrincipal } from '@inbox/contracts';
import { StaffNotificationsStore, WebPushSender } from '@inbox/workspace';

class PushKeysDto {
  @ApiProperty({ description: 'The browser’s P-256 public key (URL-safe base64)' }) @IsString() @MaxLength(200) p256dh!: string;
  @ApiProperty({ description: 'The 16-byte authentication secret (URL-safe base64)' }) @IsString() @MaxLength(100) auth!: string;
}

class PushSubscriptionDto {
  @ApiProperty({ description: 'The push service URL the browser gave' }) @IsString() @MaxLength(2048) endpoint!: string;
  @ApiProperty({ type: PushKeysDto }) @ValidateNested() @Type(() => PushKeysDto) keys!: PushKeysDto;
}

/** The caller's own notification centre: nobody reads or marks another's. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: StaffNotificationsStore) {}

  @Get()
  @ApiOperation({ summary: 'My latest notifications (mentions, assignments, deadlines at risk, escalations) and my unread count' })
  list(@CurrentStaff() staff: StaffPrincipal) {
    return this.notifications.list(staff.userId);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  readAll(@CurrentStaff() staff: StaffPrincipal) {
    return this.notifications.markAllRead(staff.userId);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read (404 for anyone else’s)' })
  read(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    return this.notifications.markRead(staff.userId, id);
  }
}

/** Browser push: the VAPID key to subscribe with, and this browser's subscription for the caller. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/push-subscriptions')
export class PushSubscriptionsController {
  constructor(private readonly webPush: WebPushSender) {}

  @Get('vapid-public-key')
  @ApiOperation({ summary: 'The application server key browsers subscribe with (null: browser push is off)' })
  publicKey() {
    return { publicKey: this.webPush.publicKey() };
  }

  @Post()
  @ApiOperation({ summary: 'Notify me in this browser: keep its push subscription (PushSubscription.toJSON())' })
  subscribe(@CurrentStaff() staff: StaffPrincipal, @Body() body: PushSubscriptionDto) {
    return this.webPush.subscribe(staff.userId, body);
  }

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop notifying me in this browser' })
  @ApiQuery({ name: 'endpoint', description: 'The subscription’s push service URL' })
  unsubscribe(@CurrentStaff() staff: StaffPrincipal, @Query('endpoint') endpoint: string) {
    return this.webPush.unsubscribe(staff.userId, endpoint);
  }
}
