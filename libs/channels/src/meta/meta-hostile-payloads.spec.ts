import { adversarialTexts, millisecondsFor, PROMPT_MS } from '../../../../test/support/adversarial-inputs';
import { parseMetaWebhook } from './meta-webhook.parser';

const parse = (body: unknown) => parseMetaWebhook(body, new Date(), { defaultRegion: 'AU' });

describe('parseMetaWebhook on hostile 1 MB values', () => {
  it.each(Object.entries(adversarialTexts()))('returns promptly with %s in texts, ids, times and names', (_name, value) => {
    const bodies = [
      { object: 'page', entry: [{ id: '1', messaging: [{ sender: { id: value }, timestamp: value, message: { mid: value, text: value, attachments: [{ type: 'image', payload: { url: value, title: value } }] } }] }] },
      { object: 'page', entry: [{ id: '1', changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', from: { id: '2', name: value }, comment_id: value, post_id: value, message: value, created_time: value } }] }] },
      { object: 'instagram', entry: [{ id: '1', changes: [{ field: 'comments', value: { id: '3', from: { id: '4', username: value }, text: value, media: { id: value } } }] }] },
      {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '1',
            changes: [
              {
                field: 'messages',
                value: {
                  metadata: { phone_number_id: '5' },
                  contacts: [{ wa_id: value, profile: { name: value } }],
                  messages: [
                    { from: value, id: 'w1', type: 'text', text: { body: value }, timestamp: value },
                    { from: '61412345678', id: 'w2', type: 'location', location: { latitude: value, longitude: 1, name: value } },
                    { from: '61412345678', id: value, type: value },
                  ],
                  statuses: [{ id: 's', status: value, errors: [{ code: 1, title: value, message: value }] }],
                },
              },
            ],
          },
        ],
      },
    ];
    for (const body of bodies) expect(millisecondsFor(() => parse(body))).toBeLessThan(PROMPT_MS);
  });
});
