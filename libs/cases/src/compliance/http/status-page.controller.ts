import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { caseStatusLabel, isOutcome, outcomeLabel } from '@inbox/compliance';
import { APP_CONFIG, Public, SharedLimit, type AppConfig } from '@inbox/platform';
import { OPEN_STATUSES } from '../../case-views';
import { formatDueDate } from '../compliance-text';
import { STATUS_CODES, type StatusCodes } from '../status-codes';
import { StatusPageBackoff } from './status-page-backoff';

class StatusCodeDto {
  @IsOptional() @IsString() @MaxLength(40) code?: string;
}

const REFERENCE = /^[A-Z]-\d{6,}$/;

const TEXT = {
  en: {
    title: 'Complaint status',
    ask: 'Enter the code from the message that acknowledged your complaint.',
    code: 'Code',
    show: 'Show the status',
    wrong: 'That reference and code do not match. Check the code in our acknowledgement message.',
    tooMany: (wait: string) => `Too many wrong codes from your network. Please try again in ${wait}, or ask for the status by replying STATUS on the channel you wrote to us on.`,
    status: 'Status',
    received: 'Received',
    due: 'Final response due by',
    resolved: 'Closed on',
    outcome: 'Outcome',
  },
  ru: {
    title: 'Статус жалобы',
    ask: 'Введите код из сообщения, подтверждающего получение вашей жалобы.',
    code: 'Код',
    show: 'Показать статус',
    wrong: 'Номер и код не совпадают. Проверьте код в нашем сообщении о получении жалобы.',
    tooMany: (wait: string) => `Слишком много неверных кодов из вашей сети. Попробуйте через ${wait} или напишите СТАТУС в том канале, где вы к нам обращались.`,
    status: 'Статус',
    received: 'Получена',
    due: 'Окончательный ответ не позднее',
    resolved: 'Закрыта',
    outcome: 'Решение',
  },
} as const;

/**
 * The public status page (ISO 10002 tracking): `/status/:reference` asks for
 * the code from the acknowledgement before it shows anything — not even
 * whether the reference exists. The code travels in a POST body, never in a URL.
 * Wrong codes slow down the address that sends them (StatusPageBackoff), never
 * the reference: a stranger guessing cannot keep the complainant out.
 */
@ApiExcludeController()
@Controller('status')
export class StatusPageController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STATUS_CODES) private readonly codes: StatusCodes,
    private readonly backoff: StatusPageBackoff,
  ) {}

  @Public()
  @Get(':reference')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  form(@Param('reference') reference: string): string {
    return page('en', reference, form('en', reference));
  }

  @Public()
  @SharedLimit('status.address', 'Too many status requests from this address; please wait a minute and try again')
  @Post(':reference')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async show(@Param('reference') rawReference: string, @Body() body: StatusCodeDto, @Req() req: Request): Promise<string> {
    const reference = rawReference.toUpperCase();
    // The client's address as the HTTP layer sees it (behind a proxy: per the app's trust proxy setting).
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = await this.backoff.waitSeconds(address);
    if (wait > 0) return page('en', reference, `<p class="error">${TEXT.en.tooMany(waitText(wait))}</p>`);
    const [row] = REFERENCE.test(reference)
      ? ((await this.db.query(
          `SELECT c.reference, c.status, c.received_at, c.respond_by, c.resolved_at, cc.status_secret_hash, cc.language,
                  (SELECT outcome FROM case_resolutions r WHERE r.case_id = c.id ORDER BY resolved_at DESC LIMIT 1) AS outcome
             FROM cases c LEFT JOIN case_compliance cc ON cc.case_id = c.id WHERE c.reference = $1`,
          [reference],
        )) as Array<{ reference: string; status: string; received_at: Date; respond_by: Date | null; resolved_at: Date | null; status_secret_hash: string | null; language: string | null; outcome: string | null }>)
      : [];
    if (!this.codes.matches(reference, body.code ?? '', row?.status_secret_hash ?? null)) {
      const earned = await this.backoff.failed(address);
      const note = earned > 0 ? `<p class="error">${TEXT.en.tooMany(waitText(earned))}</p>` : '';
      return page('en', reference, `<p class="error">${TEXT.en.wrong}</p>${note}${form('en', reference)}`);
    }
    await this.backoff.succeeded(address);
    const lang = row.language === 'ru' ? 'ru' : 'en';
    const t = TEXT[lang];
    const open = (OPEN_STATUSES as readonly string[]).includes(row.status);
    const date = (d: Date) => escapeHtml(formatDueDate(d, lang, this.config.timeZone));
    const rows = [
      [t.status, escapeHtml(caseStatusLabel(row.status, lang))],
      [t.received, date(row.received_at)],
      ...(open && row.respond_by ? [[t.due, date(row.respond_by)]] : []),
      ...(!open && row.resolved_at ? [[t.resolved, date(row.resolved_at)]] : []),
      ...(!open && row.outcome && isOutcome(row.outcome) ? [[t.outcome, escapeHtml(outcomeLabel(row.outcome, lang))]] : []),
    ];
    return page(lang, reference, `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`);
  }
}

/** "40 seconds", "3 minutes", "1 hour". */
function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  if (seconds < 5_400) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3_600)} hour${seconds <= 3_600 ? '' : 's'}`;
}

function form(lang: 'en' | 'ru', reference: string): string {
  const t = TEXT[lang];
  return `<p>${t.ask}</p><form method="post" action="/status/${encodeURIComponent(reference)}">
<label>${t.code} <input name="code" autocomplete="off" required maxlength="40"></label> <button type="submit">${t.show}</button></form>`;
}

function page(lang: 'en' | 'ru', reference: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${TEXT[lang].title} ${escapeHtml(reference)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}dt{font-weight:600}.error{color:#a00}</style></head>
<body><h1>${TEXT[lang].title} ${escapeHtml(reference)}</h1>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
