import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { ContactVerificationService, CustomerMergeService, CustomerProfileService, MergeSuggestionsService } from '@inbox/intake';
import { CUSTOMER_ID, MERGE_ID, MERGE_SUGGESTION_ID } from './id-param.pipe';

class MergeDto {
  @ApiProperty({ description: 'The customer merged into the one in the path (which survives)' })
  @IsUUID()
  otherCustomerId!: string;
}

class AcceptSuggestionDto {
  @ApiPropertyOptional({ description: 'Which of the two survives; the older customer by default' })
  @IsOptional()
  @IsUUID()
  survivorId?: string;
}

class ProductDto {
  @ApiProperty({ example: 'card' }) @IsString() @MaxLength(64) product!: string;
  @ApiPropertyOptional({ example: '…4321' }) @IsOptional() @IsString() @MaxLength(64) accountRef?: string;
}

/** One customer across channels: profile, claimed addresses to confirm, merge suggestions, merge and unmerge (audited). */
@ApiTags('customers')
@ApiBearerAuth()
@Controller('api')
export class CustomersController {
  constructor(
    private readonly profiles: CustomerProfileService,
    private readonly suggestions: MergeSuggestionsService,
    private readonly merges: CustomerMergeService,
    private readonly verifications: ContactVerificationService,
  ) {}

  @Get('customers/:id/profile')
  profile(@CurrentStaff() staff: StaffPrincipal, @Param('id', CUSTOMER_ID) id: string) {
    return this.profiles.profile(staff, id);
  }

  @Get('customers/:id/suggestions')
  async listSuggestions(@CurrentStaff() staff: StaffPrincipal, @Param('id', CUSTOMER_ID) id: string) {
    return { items: (await this.profiles.profile(staff, id)).suggestions };
  }

  @Post('customers/:id/products')
  @HttpCode(204)
  recordProduct(@CurrentStaff() staff: StaffPrincipal, @Param('id', CUSTOMER_ID) id: string, @Body() body: ProductDto) {
    return this.profiles.recordProduct(staff, id, body);
  }

  /**
   * An agent confirms an address the customer claimed (shown as unverified on the profile's `claims`):
   * it becomes an identity — a route for messages and replies — audited with who confirmed it.
   */
  @Post('customers/:id/claims/:claimId/confirm')
  @HttpCode(200)
  confirmClaim(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Param('claimId') claimId: string) {
    return this.verifications.confirmByAgent(staff, id, claimId);
  }

  /** Merges `otherCustomerId` into the customer in the path. */
  @Post('customers/:id/merge')
  merge(@CurrentStaff() staff: StaffPrincipal, @Param('id', CUSTOMER_ID) id: string, @Body() body: MergeDto) {
    return this.merges.merge(id, body.otherCustomerId, staff);
  }

  @Post('customer-merges/:id/unmerge')
  @HttpCode(200)
  unmerge(@CurrentStaff() staff: StaffPrincipal, @Param('id', MERGE_ID) id: string) {
    return this.merges.unmerge(id, staff);
  }

  @Post('merge-suggestions/:id/accept')
  accept(@CurrentStaff() staff: StaffPrincipal, @Param('id', MERGE_SUGGESTION_ID) id: string, @Body() body: AcceptSuggestionDto) {
    return this.suggestions.accept(staff, id, body.survivorId);
  }

  @Post('merge-suggestions/:id/dismiss')
  @HttpCode(204)
  dismiss(@CurrentStaff() staff: StaffPrincipal, @Param('id', MERGE_SUGGESTION_ID) id: string) {
    return this.suggestions.dismiss(staff, id);
  }
}
