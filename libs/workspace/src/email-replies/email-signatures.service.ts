import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import sanitizeHtml from 'sanitize-html';
import type { DataSource } from 'typeorm';
import { InvalidInputError } from '@inbox/contracts';

const MAX_SIGNATURE = 2_000;
const MAX_HTML_SIGNATURE = 20_000;

export interface MailboxSignature {
  account: string;
  text: string;
  html: string | null;
  updatedAt: string;
}

/**
 * The firm's signature of each mailbox (added to every email from it, agents'
 * replies and system messages alike) and each agent's own (added above it on
 * their replies). HTML signatures are sanitised when saved: formatting,
 * links and https images only.
 */
@Injectable()
export class EmailSignaturesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<MailboxSignature[]> {
    const rows = (await this.db.query(`SELECT account, text_signature, html_signature, updated_at FROM email_signatures ORDER BY account`)) as Array<{
      account: string;
      text_signature: string;
      html_signature: string | null;
      updated_at: Date;
    }>;
    return rows.map((r) => ({ account: r.account, text: r.text_signature, html: r.html_signature, updatedAt: r.updated_at.toISOString() }));
  }

  async setMailbox(account: string, input: { text: string; html?: string | null }, userId: string): Promise<MailboxSignature> {
    const key = account.trim().toLowerCase();
    if (!/^[^@\s]{1,64}@[^@\s]{1,255}$/.test(key)) throw new InvalidInputError('invalid_mailbox', 'The mailbox must be an email address, as the mail is sent from');
    const text = signatureText(input.text);
    const html = input.html?.trim() ? sanitizeSignatureHtml(input.html) : null;
    await this.db.query(
      `INSERT INTO email_signatures (account, text_signature, html_signature, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account) DO UPDATE SET text_signature = EXCLUDED.text_signature, html_signature = EXCLUDED.html_signature,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [key, text, html, userId],
    );
    return (await this.list()).find((s) => s.account === key)!;
  }

  async mine(userId: string): Promise<{ text: string | null }> {
    const [row] = (await this.db.query(`SELECT email_signature FROM users WHERE id = $1`, [userId])) as Array<{ email_signature: string | null }>;
    return { text: row?.email_signature ?? null };
  }

  async setMine(userId: string, text: string | null): Promise<{ text: string | null }> {
    const value = text === null || !text.trim() ? null : signatureText(text);
    await this.db.query(`UPDATE users SET email_signature = $2, updated_at = now() WHERE id = $1`, [userId, value]);
    return { text: value };
  }
}

function signatureText(text: string): string {
  const value = text.replace(/\u0000/g, '').replace(/\r\n?/g, '\n').trim();
  if (!value) throw new InvalidInputError('empty_signature', 'The signature is empty');
  if (value.length > MAX_SIGNATURE) throw new InvalidInputError('signature_too_long', `A signature may have at most ${MAX_SIGNATURE} characters`);
  return value;
}

function sanitizeSignatureHtml(html: string): string {
  if (html.length > MAX_HTML_SIGNATURE) throw new InvalidInputError('signature_too_long', `An HTML signature may have at most ${MAX_HTML_SIGNATURE} characters`);
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 'span', 'div', 'a', 'img', 'table', 'tr', 'td', 'small', 'font'],
    allowedAttributes: { '*': ['style'], a: ['href'], img: ['src', 'alt', 'width', 'height'], font: ['color', 'size', 'face'] },
    allowedSchemes: ['https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['https'] },
  });
}
