import type { Channel, Classification, ClassificationKind, Urgency, VulnerabilitySignal } from '@inbox/contracts';

/** What a classifier may know besides the text. */
export interface ClassificationHints {
  channel?: Channel;
  /** The sender's own system said this is an automatic reply (e.g. email Auto-Submitted). */
  autoReply?: boolean;
  hasAttachments?: boolean;
}

/**
 * The seam between triage and whatever decides what a message is. The trained
 * model (branch `classifier`, `loadClassifier()`) implements it; until it is
 * merged, production runs InterimRuleClassifier below.
 */
export interface MessageClassifier {
  classify(text: string, hints?: ClassificationHints): Classification | Promise<Classification>;
}

const NOISE_PATTERNS: RegExp[] = [
  /^\s*(thanks?|thank you|thx|ty|cheers|ok(ay)?|great|cool|👍|🙏|спасибо|благодарю|ок|хорошо)[\s!.,)]*$/iu,
  /\b(out of (the )?office|automatic reply|auto-?reply|autoreply|i am away|i'?m away|delivery status notification|undeliverable)\b/i,
  /(автоответ|нахожусь в отпуске|вне офиса)/iu,
  /\b(viagra|casino|crypto giveaway|click here to claim|you have won|lottery winner|earn \$\d+)\b/i,
];
const COMPLIMENT = /\b(thank you so much|great service|well done|excellent service|you were (so )?helpful|big thanks)\b|(огромное спасибо|отличный сервис)/iu;
const ENQUIRY = /^(how|what|when|where|can i|could you tell|do you|is it possible|как|что|когда|где|можно ли)\b[^!]*\?\s*$/iu;
const DISSATISFACTION =
  /(not happy|unhappy|unacceptable|terrible|awful|disgrace|complain|charged twice|still waiting|wrong|refund|declined|fraud|scam|stolen|overcharg|never received|angry|ridiculous|not working|doesn'?t work|down|failed|жалоб|ужасн|недоволен|верните|списали|мошен|не работает)/iu;

const PRODUCTS: Array<[string, RegExp]> = [
  ['card', /\b(card|debit|credit card|contactless|atm|chargeback)\b|карт/iu],
  ['mortgage', /\b(mortgage|home loan)\b|ипотек/iu],
  ['loan', /\b(loan|repayment|lend)\b|кредит|займ/iu],
  ['insurance', /\b(insurance|insurer|claim|policy|premium)\b|страхов/iu],
  ['superannuation', /\b(super|superannuation|retirement fund)\b|пенси/iu],
  ['digital_banking', /\b(app|online banking|internet banking|website|login|log in|password)\b|приложени/iu],
  ['payments', /\b(payment|transfer|direct debit|bpay|payid|osko)\b|платеж|перевод/iu],
  ['account', /\b(account|statement|balance)\b|счет|счёт/iu],
];
const ISSUES: Array<[string, RegExp]> = [
  ['fraud_scam', /\b(fraud|scam|stolen|unauthori[sz]ed|phishing)\b|мошен/iu],
  ['outage', /\b(down|outage|not working|doesn'?t work|offline|declined|can'?t pay|cannot pay)\b|не работает|сбой/iu],
  ['fees_charges', /\b(fee|fees|charge|charged|overcharg\w*|interest)\b|комисси/iu],
  ['incorrect_transaction', /\b(twice|double|wrong amount|incorrect|duplicate)\b|дважды/iu],
  ['delay', /\b(waiting|delay|delayed|still not|weeks|slow)\b|жду|задерж/iu],
  ['hardship', /\b(hardship|can'?t afford|cannot afford)\b|нечем платить/iu],
  ['privacy', /\b(privacy|my data|personal information)\b|персональн/iu],
  ['staff_conduct', /\b(rude|staff|employee|manager)\b|грубо|сотрудник/iu],
  ['service_quality', /\b(service|hold|nobody|no one)\b|обслуживан/iu],
];
const VULNERABILITY: Array<[VulnerabilitySignal, RegExp]> = [
  ['hardship', /\b(hardship|lost my job|unemployed)\b/i],
  ['cannot_pay', /\b(can'?t pay|cannot pay|can'?t afford|cannot afford)\b|нечем платить/iu],
  ['illness', /\b(hospital|cancer|ill|sick|disability)\b|болезн|больниц/iu],
  ['family_violence', /\b(family violence|domestic violence|abuse)\b|насили/iu],
  ['bereavement', /\b(passed away|died|funeral|deceased)\b|умер|скончал/iu],
];

/**
 * INTERIM, rule-based: keywords for thanks / auto-replies / spam → noise,
 * everything else a complaint (missing a complaint is the costly error under
 * RG 271). The integrator replaces it by the trained model from branch
 * `classifier` when merging; nothing else depends on its rules.
 */
export class InterimRuleClassifier implements MessageClassifier {
  classify(text: string, hints: ClassificationHints = {}): Classification {
    const trimmed = text.trim();
    const language = /[а-яё]/iu.test(trimmed) ? 'ru' : 'en';
    const product = firstMatch(PRODUCTS, trimmed);
    const issue = firstMatch(ISSUES, trimmed);
    const vulnerability = VULNERABILITY.filter(([, re]) => re.test(trimmed)).map(([signal]) => signal);
    const dissatisfied = DISSATISFACTION.test(trimmed);
    let kind: ClassificationKind = 'complaint';
    let confidence = 0.6;
    if (hints.autoReply || (trimmed !== '' && NOISE_PATTERNS.some((re) => re.test(trimmed)) && !dissatisfied)) {
      kind = 'noise';
      confidence = 0.9;
    } else if (trimmed !== '' && COMPLIMENT.test(trimmed) && !dissatisfied) {
      kind = 'compliment';
    } else if (trimmed !== '' && ENQUIRY.test(trimmed) && !dissatisfied) {
      kind = 'enquiry';
    }
    const urgency: Urgency = vulnerability.length > 0 || issue === 'fraud_scam' ? 'high' : 'normal';
    return {
      kind,
      confidence,
      category: product && issue ? `${product}/${issue}` : (product ?? issue),
      product,
      issue,
      urgency,
      vulnerability,
      sentiment: kind === 'complaint' && dissatisfied ? -0.6 : kind === 'compliment' ? 0.8 : 0,
      language,
      source: 'model',
    };
  }
}

function firstMatch(table: Array<[string, RegExp]>, text: string): string | null {
  return table.find(([, re]) => re.test(text))?.[0] ?? null;
}
