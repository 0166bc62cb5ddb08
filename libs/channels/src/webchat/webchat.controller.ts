import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@inbox/platform';
import { WEBCHAT_DEMO_PAGE, webchatWidgetScript } from './webchat-widget.script';

/** Serves the embeddable widget and a demo page that embeds it; both public, like any website asset. */
@ApiExcludeController()
@Public()
@Controller('webchat')
export class WebchatController {
  @Get('widget.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @Header('X-Content-Type-Options', 'nosniff')
  widget(): string {
    return webchatWidgetScript();
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  demo(): string {
    return WEBCHAT_DEMO_PAGE;
  }
}
