import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DeadLetterStore, Roles } from '@inbox/platform';

/** Records that could never be handled, with the reason: visible to admins, never dropped silently. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterStore) {}

  @Roles('admin')
  @Get()
  async list() {
    return { items: await this.deadLetters.list() };
  }
}
