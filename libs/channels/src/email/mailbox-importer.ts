import { Logger } from '@nestjs/common';
import type { ImapFlow } from 'imapflow';
import type { AttachmentRef, InboundMessage } from '@inbox/contracts';
import { deterministicMessageId } from '@inbox/triage';
import { readEmail, type ReadAttachment } from './email-reader';
import { emailExternalId, findBounce, toInboundEmail, type Bounce } from './email.parser';
import type { MailboxAddress } from './mailbox-url';
import type { MailboxSyncStore } from './mailbox-sync.store';

const MAX_ATTACHMENTS = 50;

/** What the importer needs from the rest of the inbox, each a side effect behind a function. */
export interface ImportPorts {
  /** Resolves only once the message is durable (the bus's promise). */
  publish(message: InboundMessage): Promise<void>;
  keepAttachment(input: { id: string; messageId: string; fileName?: string; contentType: string; content: Buffer }): Promise<void>;
  attachmentId(messageId: string, index: number): string;
  /** 'unknown' when the bounced mail is not one of ours. */
  recordBounce(bounce: Bounce): Promise<'updated' | 'ignored' | 'unknown'>;
  /** A mail that can never become a message (e.g. no sender), with the reason, for admins. */
  deadLetter(reason: string, detail: Record<string, unknown>): Promise<void>;
  state: MailboxSyncStore;
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
      await this.ports.deadLetter(reason.slice(0, 500), { mailbox: this.mailbox.key, uid, uidValidity });
      await this.afterImport(client, uid);
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
    const message = toInboundEmail(mail, position, attachments, new Date());
    if (!message) {
      await this.ports.deadLetter('The mail has no From address, so there is no one to answer', { mailbox: this.mailbox.key, uid, uidValidity });
    } else {
      await this.ports.publish(message);
    }
    await this.afterImport(client, uid);
  }

  private async keepAttachments(messageId: string, attachments: ReadAttachment[]): Promise<AttachmentRef[]> {
    const refs: AttachmentRef[] = [];
    for (const [index, a] of attachments.slice(0, MAX_ATTACHMENTS).entries()) {
      const ref: AttachmentRef = { contentType: a.contentType, sizeBytes: a.sizeBytes };
      if (a.fileName) ref.fileName = a.fileName.slice(0, 255);
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
