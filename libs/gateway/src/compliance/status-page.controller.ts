import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request } from 'express';
import { afcaTemplateKinds, caseStatusLabel, isOutcome, outcomeLabel, renderTemplate } from '@inbox/compliance';
import { APP_CONFIG, Public, SharedLimit, type AppConfig } from '@inbox/platform';
import { OPEN_STATUSES } from '@inbox/cases';
import { formatDueDate } from '@inbox/complaint-handling';
import { ComplaintStatusLookup, STATUS_CODES, type StatusCodes } from '@inbox/complaint-handling';
import { StatusPageBackoff } from './status-page-backoff';
import { ComplianceTemplateStore } from '@inbox/complaint-handling';

class StatusCodeDto {
  @IsOptional() @IsString() @MaxLength(40) code?: string;
}

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
    private readonly complaints: ComplaintStatusLookup,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STATUS_CODES) private readonly codes: StatusCodes,
    private readonly backoff: StatusPageBackoff,
    private readonly templates: ComplianceTemplateStore,
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
    const row = await this.complaints.byReference(reference);
    // The code is checked even when no complaint has the reference, so timing does not tell which exist.
    if (!this.codes.matches(reference, body.code ?? '', row?.status_secret_hash ?? null) || !row) {
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
    const afca = await this.afcaInformation(lang, row.complaint_type ?? 'standard');
    return page(lang, reference, `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl><section class="afca">${paragraphs(afca)}</section>`);
  }

  /** The complainant's right to go to AFCA, in the firm's own AFCA block with this complaint's time limit (RG 271.54). */
  private async afcaInformation(lang: 'en' | 'ru', complaintType: string): Promise<string> {
    const block = await this.templates.current('afca_block', lang);
    const limit = await this.templates.current(afcaTemplateKinds(complaintType).timeLimit, block.language);
    return renderTemplate('afca_block', block.body, { afcaTimeLimit: limit.body });
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

/** Text as HTML paragraphs, escaped; a line break inside a paragraph stays one. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Styled like the web chat widget (its blue header and white card); the reference never breaks across lines. */
const STYLE = `body{margin:0;background:#f6f7f9;color:#1b2330;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
main{max-width:36rem;margin:2rem auto;background:#fff;border:1px solid #dde;border-radius:10px;box-shadow:0 4px 16px rgba(0,0,0,.08);overflow:hidden}
h1{margin:0;background:#1f4e79;color:#fff;font-size:1.1rem;padding:.8rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:baseline}
.ref{white-space:nowrap;font-variant-numeric:tabular-nums}
.body{padding:1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem;margin:0 0 1rem}dt{font-weight:600;color:#445}dd{margin:0}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}label{display:grid;gap:.25rem;font-size:.9rem;color:#445}
input{font:inherit;padding:.45rem .6rem;border:1px solid #ccd;border-radius:6px}button{font:inherit;padding:.5rem 1rem;border:0;border-radius:6px;background:#1f4e79;color:#fff;cursor:pointer}
.error{color:#a33}.afca{border-top:1px solid #eee;margin-top:1rem;padding-top:.5rem;font-size:.9rem;color:#334}
@media (max-width:40rem){main{margin:0;border-radius:0;border-left:0;border-right:0}dl{grid-template-columns:1fr}dd{margin-bottom:.4rem}}`;

function page(lang: 'en' | 'ru', reference: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${TEXT[lang].title} ${escapeHtml(reference)}</title>
<style>${STYLE}</style></head>
<body><main><h1>${TEXT[lang].title} <span class="ref">${escapeHtml(reference)}</span></h1><div class="body">${body}</div></main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
