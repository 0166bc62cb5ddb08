import { Logger } from '@nestjs/common';
import type { ImapFlow } from 'imapflow';
import type { Readable } from 'node:stream';
import type { AttachmentRef, InboundMessage, SenderAuthentication } from '@inbox/contracts';
import { deterministicMessageId, isUnavailableDependency, storableValue } from '@inbox/platform';
import { readEmail, type ReadAttachment } from './email-reader';
import { emailExternalId, findBounce, toInboundEmail, type Bounce } from './email.parser';
import type { MailboxAddress } from './mailbox-url';
import type { MailboxSyncStore } from './mailbox-sync.store';
import type { MailboxImportAttempts, MailPosition } from './mailbox-import-attempts';

const MAX_ATTACHMENTS = 50;
/** A mail is tried this often (restarts included) before it is set aside for admins with its source. */
export const MAX_IMPORT_ATTEMPTS = 3;
/** The most of a set-aside mail's source kept with its dead letter. */
const MAX_KEPT_SOURCE_BYTES = 50 * 1024 * 1024;

/** The bus did not take the message: no fault of the mail, which is tried again as it is. */
class NotDurable extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'NotDurable';
  }
}

/** What the importer needs from the rest of the inbox, each a side effect behind a function. */
export interface ImportPorts {
  /** Resolves only once the message is durable (the bus's promise). */
  publish(message: InboundMessage): Promise<void>;
  keepAttachment(input: { id: string; messageId: string; fileName?: string; contentType: string; content: Buffer }): Promise<void>;
  attachmentId(messageId: string, index: number): string;
  /** 'unknown' when the bounced mail is not one of ours. */
  recordBounce(bounce: Bounce): Promise<'updated' | 'ignored' | 'unknown'>;
  /** A mail that can never become a message (e.g. no sender), with the reason and its raw source when kept, for admins. */
  deadLetter(reason: string, detail: Record<string, unknown>, source?: Buffer): Promise<void>;
  state: MailboxSyncStore;
  attempts: Pick<MailboxImportAttempts, 'begin' | 'failed' | 'forgive' | 'lastError' | 'clear'>;
  /** SPF, DKIM and DMARC of the mail (reading its bytes again through `source` when it must check them itself). */
  authenticateSender(source: () => Promise<Readable>, headerLines: string[], fromAddress: string): Promise<SenderAuthentication>;
  /**
   * Runs `work` unless another process is importing this mailbox right now
   * (several ingest processes may watch one mailbox); resolves undefined then.
   */
  exclusive<T>(mailbox: string, work: () => Promise<T>): Promise<T | undefined>;
}

export interface ImportSettings {
  maxAttachmentBytes: number;
  afterImport: { kind: 'seen' } | { kind: 'move'; folder: string };
}

/**
 * Imports what is new in one mailbox, in UID order. Each mail is published
 * (durable once that resolves), then flagged \Seen or moved, then the UID is
 * recorded: a crash anywhere re-imports at most that mail, which the
 * deterministic message id turns into a no-op. A first import, or one after
 * the server renumbered the mailbox (new UIDVALIDITY), takes the unseen mail.
 * A mail that fails through its own fault (or crashes the process) is tried
 * MAX_IMPORT_ATTEMPTS times, then set aside as a dead letter with its raw
 * source, so it never blocks the mail behind it.
 */
export class MailboxImporter {
  private readonly logger = new Logger('EmailImport');

  constructor(
    private readonly mailbox: MailboxAddress,
    private readonly ports: ImportPorts,
    private readonly settings: ImportSettings,
  ) {}

  /** Once per connection: the folder imported mail moves to exists. */
  async prepare(client: ImapFlow): Promise<void> {
    if (this.settings.afterImport.kind !== 'move') return;
    const folder = this.settings.afterImport.folder;
    const existing = await client.list();
    if (!existing.some((box) => box.path === folder)) await client.mailboxCreate(folder);
  }

  /** Returns how many mails were taken (0 when another process is on it). */
  async sync(client: ImapFlow): Promise<number> {
    return (await this.ports.exclusive(this.mailbox.key, () => this.syncLocked(client))) ?? 0;
  }

  /** The caller holds no IMAP lock; this takes the mailbox lock and releases it, so IDLE resumes. */
  private async syncLocked(client: ImapFlow): Promise<number> {
    const lock = await client.getMailboxLock(this.mailbox.mailbox);
    try {
      const box = client.mailbox;
      if (!box) throw new Error(`mailbox ${this.mailbox.mailbox} is not open`);
      const uidValidity = String(box.uidValidity);
      const state = await this.ports.state.load(this.mailbox.key);
      const uids = await this.newUids(client, state && state.uidValidity === uidValidity ? state.lastUid : undefined);
      if (!state || state.uidValidity !== uidValidity) {
        // Remember the mailbox now, so mail that arrives while the first import runs is found by UID.
        const highest = Math.max(0, box.uidNext - 1);
        await this.ports.state.save(this.mailbox.key, { uidValidity, lastUid: Math.min(highest, uids[0] ? uids[0] - 1 : highest) });
      }
      for (const uid of uids) {
        await this.importOne(client, uid, uidValidity);
        await this.ports.state.save(this.mailbox.key, { uidValidity, lastUid: uid });
      }
      return uids.length;
    } finally {
      lock.release();
    }
  }

  private async newUids(client: ImapFlow, lastUid: number | undefined): Promise<number[]> {
    const found =
      lastUid === undefined
        ? await client.search({ seen: false }, { uid: true })
        : await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    // "n:*" always matches the highest UID, even when it is below n.
    return (found || []).filter((uid) => lastUid === undefined || uid > lastUid).sort((a, b) => a - b);
  }

  private async importOne(client: ImapFlow, uid: number, uidValidity: string): Promise<void> {
    const at: MailPosition = { mailbox: this.mailbox.key, uidValidity, uid };
    // Counted before the mail is read: a mail that crashes or hangs the process must not be read again forever.
    const attempt = await this.ports.attempts.begin(at);
    if (attempt > MAX_IMPORT_ATTEMPTS) {
      const lastError = await this.ports.attempts.lastError(at);
      const why = lastError ?? 'the process stopped while reading it';
      await this.setAside(client, at, `The mail could not be imported after ${attempt - 1} attempts: ${why}`, attempt - 1);
      return;
    }
    try {
      await this.takeOne(client, at);
    } catch (error) {
      if (error instanceof NotDurable || !client.usable || isUnavailableDependency(error)) {
        // Not the mail's fault: it is tried again as often as it takes.
        await this.ports.attempts.forgive(at).catch(() => undefined);
        throw error instanceof NotDurable ? error.reason : error;
      }
      await this.ports.attempts.failed(at, error instanceof Error ? `${error.name}: ${error.message}` : String(error)).catch(() => undefined);
      throw error;
    }
    await this.ports.attempts.clear(at);
  }

  /** The mail goes to the dead letters with its raw source, and is flagged or moved like an imported one. */
  private async setAside(client: ImapFlow, at: MailPosition, reason: string, attempts: number): Promise<void> {
    const source = await this.downloadSource(client, at.uid);
    await this.ports.deadLetter(reason.slice(0, 500), { mailbox: at.mailbox, uid: at.uid, uidValidity: at.uidValidity, attempts }, source);
    this.logger.warn({ msg: 'mail set aside as a dead letter', mailbox: at.mailbox, uid: at.uid, attempts });
    await this.afterImport(client, at.uid);
    await this.ports.attempts.clear(at);
  }

  private async downloadSource(client: ImapFlow, uid: number): Promise<Buffer | undefined> {
    const download = await client.download(String(uid), undefined, { uid: true });
    if (!download.content) return undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of download.content as AsyncIterable<Buffer>) {
      if (size < MAX_KEPT_SOURCE_BYTES) chunks.push(chunk.subarray(0, MAX_KEPT_SOURCE_BYTES - size));
      size += chunk.length;
    }
    return Buffer.concat(chunks);
  }

  private async takeOne(client: ImapFlow, at: MailPosition): Promise<void> {
    const { uid, uidValidity } = at;
    const meta = await client.fetchOne(String(uid), { uid: true, internalDate: true }, { uid: true });
    const download = await client.download(String(uid), undefined, { uid: true });
    if (!meta || !download.content) return; // expunged meanwhile: nothing to take
    let mail;
    try {
      mail = await readEmail(download.content, { maxAttachmentBytes: this.settings.maxAttachmentBytes });
    } catch (error) {
      if (!client.usable) throw error; // the connection dropped mid-download: take it again later
      // The same bytes would fail again: set the mail aside for admins rather than block the mailbox.
      const reason = `The mail could not be parsed: ${error instanceof Error ? error.message : String(error)}`;
      await this.setAside(client, at, reason, 1);
      return;
    }
    const position = {
      account: this.mailbox.account,
      mailbox: this.mailbox.key,
      uid,
      uidValidity,
      internalDate: meta.internalDate instanceof Date ? meta.internalDate : meta.internalDate ? new Date(meta.internalDate) : undefined,
    };

    const bounce = findBounce(mail);
    if (bounce && (await this.ports.recordBounce(bounce)) !== 'unknown') {
      this.logger.log({ msg: 'bounce recorded on the outbound message', mailbox: this.mailbox.key, uid });
      await this.afterImport(client, uid);
      return;
    }

    const messageId = deterministicMessageId('email', this.mailbox.account, emailExternalId(mail));
    const attachments = await this.keepAttachments(messageId, mail.attachments);
    const senderAuth = mail.from ? await this.authenticate(client, uid, mail.headerLines, mail.from.address) : undefined;
    const message = toInboundEmail(mail, position, attachments, new Date(), senderAuth);
    if (!message) {
      await this.ports.deadLetter('The mail has no From address, so there is no one to answer', { mailbox: this.mailbox.key, uid, uidValidity });
    } else {
      await this.ports.publish(message).catch((error: unknown) => {
        throw new NotDurable(error);
      });
    }
    await this.afterImport(client, uid);
  }

  /** A check that cannot run (DNS down) is recorded as temperror: the mail is taken, neither proven nor disproven. */
  private async authenticate(client: ImapFlow, uid: number, headerLines: string[], from: string): Promise<SenderAuthentication> {
    const source = async () => {
      const again = await client.download(String(uid), undefined, { uid: true });
      if (!again.content) throw new Error('the mail is gone from the mailbox');
      return again.content;
    };
    try {
      return await this.ports.authenticateSender(source, headerLines, from);
    } catch (error) {
      if (!client.usable) throw error; // the connection dropped: take the mail again later
      this.logger.warn({ msg: 'sender authentication could not run', mailbox: this.mailbox.key, uid, err: error instanceof Error ? error.message : String(error) });
      const domain = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
      return { dmarc: 'temperror', spf: 'temperror', dkim: 'temperror', fromDomain: domain, checkedBy: 'mailauth' };
    }
  }

  private async keepAttachments(messageId: string, attachments: ReadAttachment[]): Promise<AttachmentRef[]> {
    const refs: AttachmentRef[] = [];
    for (const [index, a] of attachments.slice(0, MAX_ATTACHMENTS).entries()) {
      const ref: AttachmentRef = { contentType: a.contentType, sizeBytes: a.sizeBytes };
      // A NUL (legal in an RFC 2231 file name) would make PostgreSQL refuse the row, and the mail with it.
      if (a.fileName) ref.fileName = (storableValue(a.fileName) as string).slice(0, 255);
      if (a.inline) ref.inline = true;
      if (a.contentId) ref.contentId = a.contentId;
      if (a.content) {
        const id = this.ports.attachmentId(messageId, index);
        await this.ports.keepAttachment({ id, messageId, fileName: ref.fileName, contentType: a.contentType, content: a.content });
        ref.providerFileId = id;
        ref.url = `/api/attachments/${id}`;
      } else {
        ref.refusedReason = a.refusedReason;
      }
      refs.push(ref);
    }
    if (attachments.length > MAX_ATTACHMENTS) {
      refs[refs.length - 1] = { refusedReason: `Not kept: the mail has ${attachments.length} attachments; the first ${MAX_ATTACHMENTS - 1} are kept` };
    }
    return refs;
  }

  private async afterImport(client: ImapFlow, uid: number): Promise<void> {
    if (this.settings.afterImport.kind === 'move') {
      await client.messageMove(String(uid), this.settings.afterImport.folder, { uid: true });
    } else {
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  }
}
