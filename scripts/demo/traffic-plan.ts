import { seededRandom } from '../../libs/complaint-detection/src/seeded-random';
import type { DemoCustomer } from './channel-generator';

/** One planned message: when (ms from the start), who, on which channel, what. */
export interface PlannedMessage {
  atMs: number;
  channel: string;
  customer: DemoCustomer;
  text: string;
  kind: 'complaint' | 'follow-up' | 'enquiry' | 'noise' | 'burst';
}


const EN_NAMES = ['Olivia Smith', 'Jack Wilson', 'Charlotte Brown', 'Noah Taylor', 'Amelia Jones', 'Liam Nguyen', 'Isla Martin', 'Henry Walker', 'Mia Anderson', 'Oliver White', 'Grace Thompson', 'Lucas Harris'];
const RU_NAMES = ['Анна Иванова', 'Дмитрий Смирнов', 'Елена Кузнецова', 'Сергей Попов', 'Ольга Соколова', 'Алексей Лебедев', 'Мария Козлова', 'Игорь Новиков'];

const COMPLAINTS = {
  en: [
    'You charged my card twice for the same bill. I want a refund.',
    'I was charged a late fee even though I paid on time. Please remove it.',
    'My home loan repayment went up without any notice. This is unacceptable.',
    'The mobile app keeps logging me out and I cannot pay my bills.',
    'Your branch staff were rude to me and refused to help with my account.',
    'My insurance claim was declined with no explanation. I want a review.',
    'I cancelled my credit card three weeks ago and you still charged the annual fee.',
    'The transfer I made on Monday still has not arrived. Where is my money?',
    'I am in financial hardship and nobody answers my request for a payment plan.',
    'There is a transaction on my account I never made. Please investigate.',
  ],
  ru: [
    'С моей карты дважды списали оплату за один счёт. Верните деньги.',
    'Мне начислили штраф за просрочку, хотя я заплатил вовремя.',
    'Платёж по ипотеке вырос без всякого уведомления. Это недопустимо.',
    'Приложение постоянно выкидывает меня, не могу оплатить счета.',
    'В отделении мне нагрубили и отказались помочь со счётом.',
    'Мне отказали в страховой выплате без объяснения причин. Прошу пересмотреть.',
    'Я закрыл кредитную карту, а с меня всё равно списали годовое обслуживание.',
    'Перевод, который я сделал в понедельник, так и не пришёл. Где мои деньги?',
  ],
};
const FOLLOW_UPS = {
  en: ['Any update on my complaint? It has been days.', 'I called as well but nobody could tell me anything.', 'Still waiting for the refund.', 'Can someone please call me back about this?'],
  ru: ['Есть новости по моей жалобе?', 'Я также звонил, но никто ничего не сказал.', 'Всё ещё жду возврата денег.', 'Перезвоните мне, пожалуйста.'],
};
const ENQUIRIES = {
  en: ['What are your opening hours on Saturday?', 'How do I update my address?', 'Can I get a copy of last year\'s statement?'],
  ru: ['Во сколько вы работаете в субботу?', 'Как поменять адрес в профиле?'],
};
const NOISE = {
  en: ['Thanks!', 'ok thank you', 'Thank you so much, all good now', '👍'],
  ru: ['Спасибо!', 'спасибо, всё хорошо', 'Ок'],
};
const BURST = {
  en: ['My card payment was declined at the supermarket, is your system down?', 'Card payment declined again!! I have money in the account', 'Why is every card payment declined today?', 'Card declined at the petrol station, what is going on?'],
  ru: ['Оплата картой отклонена в магазине, у вас сбой?', 'Карта не проходит, платеж отклонен, деньги на счету есть'],
};

/**
 * Plans the simulator's traffic: Poisson-like arrivals at `ratePerMinute`
 * over `durationMs`, opening with one complaint on every channel, a third of
 * them from returning customers (often on another channel: one phone number
 * texts, then calls or writes on WhatsApp), English and Russian,
 * some enquiries and noise ("thanks!"), and one burst of `burst` similar
 * complaints from new customers starting at 40% of the run, packed into a
 * minute — enough to open an incident.
 */
export function planTraffic(options: { ratePerMinute: number; durationMs: number; burst: number; seed: number; channels: readonly string[] }): PlannedMessage[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let serial = 0;
  const newCustomer = (): DemoCustomer => {
    serial += 1;
    const language = random() < 0.3 ? 'ru' : 'en';
    const name = pick(language === 'ru' ? RU_NAMES : EN_NAMES);
    const digits = String(10_000_000 + ((options.seed * 7919 + serial * 104_729) % 89_999_999)).slice(0, 8);
    return { name, language, phone: `+614${digits}`, email: `customer${options.seed}-${serial}@example.com`, telegramId: String(500_000_000 + options.seed * 1000 + serial) };
  };

  const plan: PlannedMessage[] = [];
  const known: DemoCustomer[] = [];
  const meanGapMs = 60_000 / options.ratePerMinute;
  for (let at = -Math.log(1 - random()) * meanGapMs; at < options.durationMs; at += -Math.log(1 - random()) * meanGapMs) {
    // The run opens with a complaint from a new customer on each channel in turn, so every channel shows within seconds.
    const opening = plan.length < options.channels.length ? options.channels[plan.length] : undefined;
    const returning = !opening && known.length > 0 && random() < 0.33;
    const customer = returning ? pick(known) : newCustomer();
    if (!returning) known.push(customer);
    const roll = random();
    const kind: PlannedMessage['kind'] = opening ? 'complaint' : returning ? (roll < 0.75 ? 'follow-up' : 'noise') : roll < 0.8 ? 'complaint' : roll < 0.92 ? 'enquiry' : 'noise';
    const texts = { complaint: COMPLAINTS, 'follow-up': FOLLOW_UPS, enquiry: ENQUIRIES, noise: NOISE }[kind];
    plan.push({ atMs: Math.round(at), channel: opening ?? pick(options.channels), customer, text: pick(texts[customer.language]), kind });
  }
  if (options.burst > 0) {
    const start = options.durationMs * 0.4;
    const span = Math.min(60_000, options.durationMs * 0.3);
    for (let i = 0; i < options.burst; i++) {
      const customer = newCustomer();
      plan.push({ atMs: Math.round(start + (span * i) / options.burst), channel: pick(options.channels), customer, text: pick(BURST[customer.language]), kind: 'burst' });
    }
  }
  return plan.sort((a, b) => a.atMs - b.atMs);
}
