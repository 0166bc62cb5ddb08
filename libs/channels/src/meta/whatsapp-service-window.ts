/** WhatsApp lets a business send free-form messages only this long after the customer's last message. */
export const WHATSAPP_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** True while the customer-service window is open: the customer wrote within the last 24 hours. */
export function isWhatsAppWindowOpen(lastCustomerMessageAt: Date | null, now: Date): boolean {
  if (lastCustomerMessageAt === null) return false;
  return now.getTime() - lastCustomerMessageAt.getTime() < WHATSAPP_SERVICE_WINDOW_MS;
}
