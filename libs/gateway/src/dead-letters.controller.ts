import { Controller, Get, Param, ParseIntPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DeadLetterStore } from '@inbox/bus';
import { Roles } from '@inbox/platform';

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

  /** The raw source kept with a dead letter (a mail that could not be imported), always as a download. */
  @Roles('admin')
  @Get(':id/source')
  async source(@Param('id', ParseIntPipe) id: number, @Res() res: Response): Promise<void> {
    const source = await this.deadLetters.source(id);
    res
      .status(200)
      .set({
        'content-type': 'message/rfc822',
        'content-length': String(source.length),
        'content-disposition': `attachment; filename="dead-letter-${id}.eml"`,
        'x-content-type-options': 'nosniff',
      })
      .end(source);
  }
}
