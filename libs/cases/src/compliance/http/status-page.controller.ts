import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { DataSource } from 'typeorm';
import { caseStatusLabel, isOutcome, outcomeLabel } from '@inbox/compliance';
import { APP_CONFIG, Public, type AppConfig } from '@inbox/platform';
import { OPEN_STATUSES } from '../../case-views';
import { formatDueDate, statusSecretMatches } from '../compliance-text';

class StatusCodeDto {
  @IsOptional() @IsString() @MaxLength(40) code?: string;
}

/** Wrong codes allowed per reference in a window, so the 39-bit code cannot be guessed. */
const MAX_ATTEMPTS = 10;
const ATTEMPT_WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;
const REFERENCE = /^[A-Z]-\d{6,}$/;

const TEXT = {
  en: {
    title: 'Complaint status',
    ask: 'Enter the code from the message that acknowledged your complaint.',
    code: 'Code',
    show: 'Show the status',
    wrong: 'That reference and code do not match. Check the code in our acknowledgement message.',
    tooMany: 'Too many attempts. Please try again later, or ask for the status by replying STATUS on the channel you wrote to us on.',
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
    tooMany: 'Слишком много попыток. Попробуйте позже или напишите СТАТУС в том канале, где вы к нам обращались.',
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
 */
@ApiExcludeController()
@Controller('status')
export class StatusPageController {
  private readonly attempts = new Map<string, { count: number; since: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':reference')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  form(@Param('reference') reference: string): string {
    return page('en', reference, form('en', reference));
  }

  @Public()
  @Post(':reference')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async show(@Param('reference') rawReference: string, @Body() body: StatusCodeDto): Promise<string> {
    const reference = rawReference.toUpperCase();
    if (this.tooManyAttempts(reference)) return page('en', reference, `<p class="error">${TEXT.en.tooMany}</p>`);
    const [row] = REFERENCE.test(reference)
      ? ((await this.db.query(
          `SELECT c.reference, c.status, c.received_at, c.respond_by, c.resolved_at, cc.status_secret_hash, cc.language,
                  (SELECT outcome FROM case_resolutions r WHERE r.case_id = c.id ORDER BY resolved_at DESC LIMIT 1) AS outcome
             FROM cases c LEFT JOIN case_compliance cc ON cc.case_id = c.id WHERE c.reference = $1`,
          [reference],
        )) as Array<{ reference: string; status: string; received_at: Date; respond_by: Date | null; resolved_at: Date | null; status_secret_hash: string | null; language: string | null; outcome: string | null }>)
      : [];
    if (!statusSecretMatches(reference, body.code ?? '', row?.status_secret_hash ?? null)) {
      this.countAttempt(reference);
      return page('en', reference, `<p class="error">${TEXT.en.wrong}</p>${form('en', reference)}`);
    }
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

  private tooManyAttempts(reference: string): boolean {
    const a = this.attempts.get(reference);
    if (!a || Date.now() - a.since > ATTEMPT_WINDOW_MS) return false;
    return a.count >= MAX_ATTEMPTS;
  }

  private countAttempt(reference: string): void {
    // Forget expired windows before the map grows, so random references cannot fill memory.
    if (this.attempts.size >= MAX_TRACKED) {
      for (const [key, value] of this.attempts) if (Date.now() - value.since > ATTEMPT_WINDOW_MS) this.attempts.delete(key);
      if (this.attempts.size >= MAX_TRACKED) this.attempts.delete(this.attempts.keys().next().value!);
    }
    const a = this.attempts.get(reference);
    if (!a || Date.now() - a.since > ATTEMPT_WINDOW_MS) this.attempts.set(reference, { count: 1, since: Date.now() });
    else a.count += 1;
  }
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
