import { isMetaStatusAdvance } from './meta-delivery-status';
import { isWhatsAppWindowOpen } from './whatsapp-service-window';

describe('isWhatsAppWindowOpen', () => {
  const now = new Date('2025-06-02T12:00:00Z');

  it('is open for 24 hours after the customer’s last message, then closed', () => {
    expect(isWhatsAppWindowOpen(new Date('2025-06-02T11:59:00Z'), now)).toBe(true);
    expect(isWhatsAppWindowOpen(new Date('2025-06-01T12:00:01Z'), now)).toBe(true);
    expect(isWhatsAppWindowOpen(new Date('2025-06-01T12:00:00Z'), now)).toBe(false);
    expect(isWhatsAppWindowOpen(new Date('2025-05-30T12:00:00Z'), now)).toBe(false);
  });

  it('is closed when the customer never wrote on WhatsApp', () => {
    expect(isWhatsAppWindowOpen(null, now)).toBe(false);
  });
});

describe('isMetaStatusAdvance', () => {
  it('moves forward only: accepted → sent → delivered → read', () => {
    expect(isMetaStatusAdvance('queued', 'accepted')).toBe(true);
    expect(isMetaStatusAdvance('accepted', 'sent')).toBe(true);
    expect(isMetaStatusAdvance('sent', 'delivered')).toBe(true);
    expect(isMetaStatusAdvance('delivered', 'read')).toBe(true);
    expect(isMetaStatusAdvance('read', 'delivered')).toBe(false);
    expect(isMetaStatusAdvance('delivered', 'sent')).toBe(false);
    expect(isMetaStatusAdvance('sent', 'sent')).toBe(false);
  });

  it('lets a failure replace a pending status but not a delivery, and ignores unknown words', () => {
    expect(isMetaStatusAdvance('sent', 'failed')).toBe(true);
    expect(isMetaStatusAdvance('delivered', 'failed')).toBe(false);
    expect(isMetaStatusAdvance('sent', 'warning')).toBe(false);
    expect(isMetaStatusAdvance(null, 'sent')).toBe(true);
  });
});
