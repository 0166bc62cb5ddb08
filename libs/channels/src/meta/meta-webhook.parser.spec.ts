import { InvalidInputError } from '@inbox/contracts';
import { parseMetaWebhook } from './meta-webhook.parser';

// The webhook's arrival: a few seconds after Meta's timestamps of the messages it carries.
const now = new Date('2025-06-02T12:00:05.500Z');
const parse = (body: unknown) => parseMetaWebhook(body, now, { defaultRegion: 'AU' });
const PAGE = '104000000000001';
const IG = '17841400000000001';

describe('parseMetaWebhook: Messenger', () => {
  const event = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    sender: { id: '7001' },
    recipient: { id: PAGE },
    timestamp: 1748865600123,
    message,
    ...extra,
  });
  const page = (...messaging: unknown[]) => ({ object: 'page', entry: [{ id: PAGE, time: 1748865600123, messaging }] });

  it('turns a text message into a private messenger message from the page-scoped id', () => {
    const raw = event({ mid: 'm_1', text: 'My card is blocked', reply_to: { mid: 'm_0' } });
    expect(parse(page(raw)).messages).toEqual([
      {
        channel: 'messenger',
        account: PAGE,
        externalId: 'm_1',
        sender: { address: '7001' },
        text: 'My card is blocked',
        thread: { visibility: 'private', inReplyTo: 'm_0' },
        receivedAt: '2025-06-02T12:00:05.500Z',
        sentAt: '2025-06-02T12:00:00.123Z',
        raw,
      },
    ]);
  });

  it('keeps attachments by URL, and a location as a geo URI', () => {
    const [message] = parse(
      page(
        event({
          mid: 'm_2',
          attachments: [
            { type: 'image', payload: { url: 'https://cdn.example/img.jpg' } },
            { type: 'location', payload: { coordinates: { lat: -33.8, long: 151.2 } } },
          ],
        }),
      ),
    ).messages;
    expect(message.text).toBe('');
    expect(message.attachments).toEqual([{ url: 'https://cdn.example/img.jpg', contentType: 'image/*' }, { url: 'geo:-33.8,151.2' }]);
  });

  it('reads a postback as the button title the customer tapped', () => {
    const [message] = parse(page({ sender: { id: '7001' }, recipient: { id: PAGE }, timestamp: 1, postback: { mid: 'm_pb', title: 'Talk to a person', payload: 'HUMAN' } })).messages;
    expect(message).toMatchObject({ externalId: 'm_pb', text: 'Talk to a person' });
  });

  it('skips echoes of our own messages, reads and reactions, and turns delivery receipts into statuses', () => {
    const batch = parse(
      page(
        event({ mid: 'm_echo', text: 'ours', is_echo: true }),
        { sender: { id: '7001' }, recipient: { id: PAGE }, timestamp: 1, read: { watermark: 1 } },
        { sender: { id: '7001' }, recipient: { id: PAGE }, timestamp: 1, reaction: { mid: 'm_x', action: 'react', emoji: '👍' } },
        { sender: { id: '7001' }, recipient: { id: PAGE }, delivery: { mids: ['m_out_1', 'm_out_2'], watermark: 1 } },
      ),
    );
    expect(batch.messages).toEqual([]);
    expect(batch.skipped).toHaveLength(3);
    expect(batch.statuses).toEqual([
      { channel: 'messenger', externalId: 'm_out_1', status: 'delivered' },
      { channel: 'messenger', externalId: 'm_out_2', status: 'delivered' },
    ]);
  });

  it('keeps a message Meta cannot show us as unsupported, with a stable id when it has none', () => {
    const odd = { sender: { id: '7001' }, recipient: { id: PAGE }, timestamp: 1, some_new_event: { x: 1 } };
    const first = parse(page(odd)).messages[0];
    const again = parse(page(odd)).messages[0];
    expect(first.text).toBe('[unsupported messenger message: some_new_event]');
    expect(first.externalId).toMatch(/^unsupported:[0-9a-f]{40}$/);
    expect(again.externalId).toBe(first.externalId);
    expect(first.raw).toEqual(odd);
  });

  it('reads an edit as the same message with its new text', () => {
    const [message] = parse(page({ sender: { id: '7001' }, recipient: { id: PAGE }, timestamp: 1, message_edit: { mid: 'm_1', text: 'My card is blocked (since Monday)', num_edit: 1 } })).messages;
    expect(message).toMatchObject({ externalId: 'm_1', text: 'My card is blocked (since Monday)' });
  });

  it('rejects, for the dead letters, an event it cannot attribute to a sender', () => {
    const batch = parse(page({ recipient: { id: PAGE }, timestamp: 1, message: { mid: 'm_3', text: 'who?' } }));
    expect(batch.messages).toEqual([]);
    expect(batch.rejected).toEqual([expect.objectContaining({ reason: 'messenger event without sender.id' })]);
  });
});

describe('parseMetaWebhook: Instagram', () => {
  it('reads DMs as private and comments as public messages of the same Instagram-scoped id', () => {
    const batch = parse({
      object: 'instagram',
      entry: [
        {
          id: IG,
          time: 1748865600,
          messaging: [
            { sender: { id: '6001' }, recipient: { id: IG }, timestamp: 1748865600000, message: { mid: 'aWdf1', text: 'DM' } },
            { sender: { id: '6001' }, recipient: { id: IG }, timestamp: 1748865600000, message: { mid: 'aWdf0', is_deleted: true } },
          ],
          changes: [
            { field: 'comments', value: { from: { id: '6001', username: 'kim' }, media: { id: '1790media', media_product_type: 'FEED' }, id: '1790c', text: 'Public moan' } },
            { field: 'comments', value: { from: { id: IG, username: 'our.bank' }, media: { id: '1790media' }, id: '1790ours', text: 'Our reply' } },
            { field: 'mentions', value: { media_id: '1', comment_id: '2' } },
          ],
        },
      ],
    });
    expect(batch.messages.map((m) => [m.channel, m.externalId, m.sender.address, m.thread?.visibility])).toEqual([
      ['instagram', 'aWdf1', '6001', 'private'],
      ['instagram', '1790c', '6001', 'public'],
    ]);
    expect(batch.messages[1]).toMatchObject({ account: IG, sender: { displayName: '@kim' }, thread: { inReplyTo: '1790media', references: ['1790media'] }, receivedAt: '2025-06-02T12:00:05.500Z', sentAt: '2025-06-02T12:00:00.000Z' });
    expect(batch.skipped).toEqual(expect.arrayContaining(['instagram message unsent by the customer', 'instagram comment by our own account', 'instagram mentions change']));
  });
});

describe('parseMetaWebhook: Facebook page feed', () => {
  const feed = (value: Record<string, unknown>) => ({ object: 'page', entry: [{ id: PAGE, time: 1, changes: [{ field: 'feed', value }] }] });
  const comment = {
    from: { id: '5001', name: 'Pat Doe' },
    item: 'comment',
    verb: 'add',
    post_id: `${PAGE}_900`,
    comment_id: `${PAGE}_900_1`,
    parent_id: `${PAGE}_900_0`,
    message: 'Rude staff',
    created_time: 1748865600,
  };

  it('reads a comment as a public facebook message answering its parent', () => {
    expect(parse(feed(comment)).messages).toEqual([
      {
        channel: 'facebook',
        account: PAGE,
        externalId: `${PAGE}_900_1`,
        sender: { address: '5001', displayName: 'Pat Doe' },
        text: 'Rude staff',
        thread: { visibility: 'public', messageId: `${PAGE}_900_1`, inReplyTo: `${PAGE}_900_0`, references: [`${PAGE}_900`] },
        receivedAt: '2025-06-02T12:00:05.500Z',
        sentAt: '2025-06-02T12:00:00.000Z',
        raw: comment,
      },
    ]);
  });

  it('reads a visitor post with its photo, and an edit as the same message with new text', () => {
    const post = parse(feed({ from: { id: '5002' }, item: 'photo', verb: 'add', post_id: `${PAGE}_901`, message: 'Look at this bill', link: 'https://cdn.example/bill.jpg', created_time: 1 })).messages[0];
    expect(post).toMatchObject({ externalId: `${PAGE}_901`, attachments: [{ url: 'https://cdn.example/bill.jpg' }], thread: { visibility: 'public', references: [`${PAGE}_901`] } });
    const edited = parse(feed({ ...comment, verb: 'edited', message: 'Rude staff (edited)' })).messages[0];
    expect(edited).toMatchObject({ externalId: comment.comment_id, text: 'Rude staff (edited)' });
  });

  it('skips our own page’s replies, reactions and removals; rejects a comment without its author', () => {
    const batch = parse({
      object: 'page',
      entry: [
        {
          id: PAGE,
          changes: [
            { field: 'feed', value: { ...comment, from: { id: PAGE, name: 'Our Bank' } } },
            { field: 'feed', value: { ...comment, verb: 'remove' } },
            { field: 'feed', value: { item: 'reaction', verb: 'add', from: { id: '5001' }, reaction_type: 'angry' } },
            { field: 'feed', value: { ...comment, from: undefined } },
            { field: 'ratings', value: {} },
          ],
        },
      ],
    });
    expect(batch.messages).toEqual([]);
    expect(batch.skipped).toHaveLength(4);
    expect(batch.rejected).toHaveLength(1);
  });
});

describe('parseMetaWebhook: WhatsApp', () => {
  const wa = (value: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '61255550199', phone_number_id: 'PNID' }, ...value } }] }],
  });

  it('reads the sender as E.164 with their profile name, and the account as our phone number id', () => {
    const message = { from: '61412345678', id: 'wamid.1', timestamp: '1748865600', type: 'text', text: { body: 'Hi' }, context: { from: '61255550199', id: 'wamid.0' } };
    expect(parse(wa({ contacts: [{ profile: { name: 'Kim' }, wa_id: '61412345678' }], messages: [message] })).messages).toEqual([
      {
        channel: 'whatsapp',
        account: 'PNID',
        externalId: 'wamid.1',
        sender: { address: '+61412345678', displayName: 'Kim' },
        text: 'Hi',
        thread: { visibility: 'private', inReplyTo: 'wamid.0' },
        receivedAt: '2025-06-02T12:00:05.500Z',
        sentAt: '2025-06-02T12:00:00.000Z',
        raw: expect.objectContaining({ message }),
      },
    ]);
  });

  it('keeps media by media id, with the caption as text and the file name', () => {
    const batch = parse(
      wa({
        messages: [
          { from: '61412345678', id: 'wamid.d', timestamp: '1', type: 'document', document: { id: 'media-1', mime_type: 'application/pdf', filename: 'statement.pdf', caption: 'My statement' } },
          { from: '61412345678', id: 'wamid.v', timestamp: '1', type: 'audio', audio: { id: 'media-2', mime_type: 'audio/ogg; codecs=opus', voice: true } },
        ],
      }),
    );
    expect(batch.messages.map((m) => [m.text, m.attachments])).toEqual([
      ['My statement', [{ providerFileId: 'media-1', contentType: 'application/pdf', fileName: 'statement.pdf' }]],
      ['', [{ providerFileId: 'media-2', contentType: 'audio/ogg; codecs=opus' }]],
    ]);
  });

  it('turns statuses into delivery updates with WhatsApp’s error', () => {
    const batch = parse(
      wa({
        statuses: [
          { id: 'wamid.out', status: 'delivered', timestamp: '1', recipient_id: '61412345678' },
          { id: 'wamid.out2', status: 'failed', timestamp: '1', recipient_id: '61412345678', errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' } }] },
        ],
      }),
    );
    expect(batch.statuses).toEqual([
      { channel: 'whatsapp', externalId: 'wamid.out', status: 'delivered' },
      {
        channel: 'whatsapp',
        externalId: 'wamid.out2',
        status: 'failed',
        error: 'WhatsApp error 131047 (Re-engagement message): Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      },
    ]);
  });

  it('rejects a message from an impossible number or without our phone number id, and skips other change fields', () => {
    expect(parse(wa({ messages: [{ from: '12', id: 'wamid.x', type: 'text', text: { body: 'x' } }] })).rejected).toHaveLength(1);
    const noMetadata = parse({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: { messages: [{ from: '61412345678', id: 'w', type: 'text', text: { body: 'x' } }] } }] }] });
    expect(noMetadata.rejected).toHaveLength(1);
    expect(parse({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'message_template_status_update', value: {} }] }] }).skipped).toEqual(['whatsapp message_template_status_update change']);
  });
});

describe('parseMetaWebhook: the envelope', () => {
  it('refuses a body that is not a Meta webhook', () => {
    expect(() => parse({ hello: 'world' })).toThrow(InvalidInputError);
    expect(() => parse([])).toThrow(InvalidInputError);
  });

  it('skips products it does not handle rather than failing the delivery', () => {
    expect(parse({ object: 'permissions', entry: [{ id: '1' }] }).skipped).toEqual(['permissions webhook']);
  });
});
