import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';

/** What the workspace needs to show the firm's time and apply the case action policy as the server does. */
@ApiTags('workspace')
@ApiBearerAuth()
@Controller('api/workspace')
export class WorkspaceSettingsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The firm's time zone (TIMEZONE: dates are shown and reports counted in it) and FINAL_RESPONSE_APPROVAL. */
  @Get('settings')
  settings() {
    return { timeZone: this.config.timeZone, finalResponseApproval: this.config.workspace.finalResponseApproval };
  }
}
