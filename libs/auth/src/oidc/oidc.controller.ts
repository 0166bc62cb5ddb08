import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { Public } from '../auth.decorators';
import { clearOidcCookie, cookieIsSecure, csrfTokenFor, OIDC_COOKIE, readCookie, setOidcCookie, setSessionCookies } from '../session-cookie';
import { OIDC_CALLBACK_PATH, OidcSignIn } from './oidc-sign-in.service';

/**
 * Browser redirects of single sign-on. Failures go back to the login page as
 * `/?sign_in_error=<code>`, which shows the reason in words.
 */
@ApiTags('auth')
@Controller('api/auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcSignIn,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends the browser to the identity provider. */
  @Public()
  @Get()
  @ApiExcludeEndpoint()
  async start(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) return backToLogin(res, 'sso_not_configured');
    try {
      const { url, pending } = await this.oidc.start(this.redirectUri(req));
      setOidcCookie(res, pending, cookieIsSecure(req));
      res.redirect(303, url);
    } catch (error) {
      backToLogin(res, error instanceof DomainError ? error.code : 'sso_failed');
    }
  }

  /** The provider sends the browser back here with the code; on success the workspace opens. */
  @Public()
  @Get('callback')
  @ApiExcludeEndpoint()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const secure = cookieIsSecure(req);
    clearOidcCookie(res, secure);
    if (!this.oidc.enabled) return backToLogin(res, 'sso_not_configured');
    const redirectUri = this.redirectUri(req);
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    try {
      const issued = await this.oidc.finish(new URL(redirectUri + query), readCookie(req.headers.cookie, OIDC_COOKIE), {
        clientAddress: req.ip ?? 'unknown',
        userAgent: req.headers['user-agent'],
      });
      setSessionCookies(res, { token: issued.accessToken, csrf: csrfTokenFor(issued.sessionId, this.config.auth.jwtSecret ?? ''), expiresAt: new Date(issued.expiresAt), secure });
      res.redirect(303, '/#/queue');
    } catch (error) {
      backToLogin(res, error instanceof DomainError ? error.code : 'sso_failed');
    }
  }

  /** PUBLIC_URL when set (behind a proxy); otherwise this request's own origin. */
  private redirectUri(req: Request): string {
    const base = this.config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    return `${base}${OIDC_CALLBACK_PATH}`;
  }
}

function backToLogin(res: Response, code: string): void {
  res.redirect(303, `/?sign_in_error=${encodeURIComponent(code)}`);
}
