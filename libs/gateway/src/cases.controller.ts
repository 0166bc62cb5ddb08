import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CHANNELS, QUEUE_SORTS, type Channel, type QueueSort, type StaffPrincipal, type Visibility } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { CaseQueryService } from '@inbox/cases';
import { CaseClaimService, ReplyService } from '@inbox/workspace';
import { ChannelConnectionStatus, connectedChannels } from '@inbox/channels';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { CASE_ID, CUSTOMER_ID } from './id-param.pipe';

const STATUS_FILTERS = ['open', 'new', 'pending', 'escalated', 'resolved', 'closed'] as const;
const VISIBILITIES: readonly Visibility[] = ['public', 'private'];

class CaseListQuery {
  @ApiPropertyOptional({ description: 'Text in any of the case’s messages' })
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: STATUS_FILTERS }) @IsOptional() @IsIn(STATUS_FILTERS) status?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ description: 'A user id, `me`, or `none` for unassigned cases' })
  @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'assigneeId must be a user id, me or none' })
  assigneeId?: string;
  @ApiPropertyOptional({ description: 'A category (`card/fees`) or a product (`card`: every issue of it)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;
  @ApiPropertyOptional({ description: 'Only cases whose IDR response is due before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  deadlineBefore?: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'Conditions on case fields, each `key=value` (text and list fields) or `key=from..to` (number and date fields, either end may be left out); repeat for more',
    example: ['product=Home loan', 'amount=100..500'],
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value : [value]))
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  field?: string[];
  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'deadline', description: 'The order: deadline first (the queue’s own), priority, newest or oldest arrival, or latest activity' })
  @IsOptional()
  @IsIn(QUEUE_SORTS, { message: `sort must be one of ${QUEUE_SORTS.join(', ')}` })
  sort?: QueueSort;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

class ReplyDto {
  @ApiProperty({ maxLength: 10_000, description: 'Required unless a template is sent' })
  @ValidateIf((dto: ReplyDto) => dto.template === undefined || dto.text !== undefined)
  @IsString()
  @MaxLength(10_000)
  text?: string;
  @ApiPropertyOptional({ enum: CHANNELS, description: 'Another of the customer’s channels; the case’s own by default' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
  @ApiPropertyOptional({
    enum: VISIBILITIES,
    description: 'On channels with public comments: public (a comment reply) or private (a direct message); by default like the message answered',
  })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;
  @ApiPropertyOptional({ description: 'Send this pre-approved template instead of free text (WhatsApp outside the 24-hour window; see GET /api/channels)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9_]{1,512}$/, { message: 'template must be a template name (lowercase letters, digits, underscores)' })
  template?: string;
  @ApiPropertyOptional({ description: 'One identity of the customer (from the case’s customer.identities) to reply to' })
  @IsOptional()
  @IsUUID()
  identityId?: string;
  @ApiPropertyOptional({ description: 'An authorised representative of the customer (GET /api/customers/:id/representatives) to reply to instead' })
  @IsOptional()
  @IsUUID()
  representativeId?: string;
  @ApiPropertyOptional({ type: [String], description: 'Email: copies (e.g. the people the customer copied, from the case’s copied addresses)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(320, { each: true })
  cc?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Email: blind copies' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(320, { each: true })
  bcc?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Email: ids of files uploaded with POST /api/cases/:id/reply-attachments' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api')
export class CasesController {
  constructor(
    private readonly cases: CaseQueryService,
    private readonly replies: ReplyService,
    private readonly claims: CaseClaimService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly status: ChannelConnectionStatus,
  ) {}

  /**
   * The channels this inbox answers on, how a reply on each goes out (e.g. a
   * voice case by call or SMS), and the connections of each that do not work
   * now with the provider's words (e.g. a mailbox whose OAuth2 consent was revoked).
   */
  @Get('channels')
  async channels() {
    const problems = await this.status.problems();
    return {
      items: connectedChannels(this.config).map((c) => {
        const mine = problems.filter((p) => p.channel === c.channel).map(({ account, problem, since }) => ({ account, problem, since }));
        return mine.length ? { ...c, problems: mine } : c;
      }),
    };
  }

  @Get('cases')
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: CaseListQuery) {
    const { field, ...rest } = query;
    return this.cases.list(staff, {
      ...rest,
      fields: field,
      assigneeId: query.assigneeId === 'me' ? staff.userId : query.assigneeId,
      deadlineBefore: query.deadlineBefore ? new Date(query.deadlineBefore) : undefined,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
  }

  @Get('cases/:id')
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string) {
    return this.cases.get(staff, id);
  }

  @Post('cases/:id/claim')
  @HttpCode(200)
  claim(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string) {
    return this.claims.claim(staff, id);
  }

  /** 201 once the reply is stored and queued; its delivery status then follows on the message. */
  @Post('cases/:id/replies')
  reply(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: ReplyDto) {
    return this.replies.reply(staff, id, body);
  }

  @Get('customers/:id')
  customer(@CurrentStaff() staff: StaffPrincipal, @Param('id', CUSTOMER_ID) id: string) {
    return this.cases.customer(staff, id);
  }
}
