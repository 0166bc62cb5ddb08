import type { VulnerabilitySignal } from '@inbox/contracts';
import { normalizeText } from './text-features';

/**
 * Word-start patterns over normalised text (lowercase, ё→е) for signals too
 * rare and too important to leave to the model: vulnerability (RG 271 asks for
 * extra care) and sentiment. Each pattern matches at the start of a word, so a
 * stem such as `умер` covers умер, умерла, умерли.
 */
// Global (for matchAll); test membership with String.search, which ignores lastIndex.
export function wordStart(patterns: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join('|')})`, 'gu');
}

const VULNERABILITY_PATTERNS: Record<Exclude<VulnerabilitySignal, 'other'>, RegExp> = {
  hardship: wordStart([
    'hardship', 'financial difficult', 'struggling (?:financially|with (?:money|bills|repayments))', 'lost my job',
    'lost (?:his|her|our) job', 'made redundant', 'redundan', 'laid off', 'unemploy', 'out of work', 'on centrelink',
    'living paycheck', 'broke until', "can'?t work", 'cannot work', 'unable to work', 'reduced hours', 'hours (?:at work )?(?:were|have been|got) cut',
    'los(?:t|ing) (?:some )?shifts', 'unpaid leave', 'jobseeker', 'on one income', 'business failed',
    "(?:i have|i've got|i've|have|with) no (?:job|income|work)", 'nothing (?:left )?for food', "can'?t (?:buy|afford) (?:food|groceries)",
    'трудн\\S* (?:финансов|материальн|жизненн|ситуац)', 'тяжел\\S* (?:финансов|материальн|ситуац|положен)',
    'финансов\\S* трудност', 'потерял\\S* работ', 'уволил', 'уволен', 'сократил', 'под сокращени', 'безработ',
    'без работы', 'не может работать', 'не могу работать', 'урезали смен', 'сократили (?:рабочие )?час', 'декрет', 'доход сократ',
    'бизнес прогорел', 'кредитн\\S* каникул', 'реструктуризац', 'сижу без денег', 'остал\\S* без денег', 'нечего есть',
    'не на что (?:жить|есть|купить еду)',
  ]),
  illness: wordStart([
    'cancer', 'chemo', 'hospital', 'surgery', 'diagnos', 'terminal', 'illness', 'seriously ill', 'i am ill',
    "i'm ill", 'sick leave', 'stroke', 'dementia', 'disabilit', 'mental health', 'depress', 'anxiety', 'carer for',
    'больниц', 'болезн', 'болею', 'болен', 'больна', 'заболе', 'онколог', 'рак ', 'химиотерап', 'операци\\S* на',
    'перенес\\S* операц', 'инвалид', 'диагноз', 'депресс', 'реанимац', 'инсульт', 'инфаркт', 'на больничном',
    'деменц', 'лечени',
  ]),
  family_violence: wordStart([
    'domestic violence', 'family violence', 'abusive', 'abuser', 'violent (?:partner|husband|ex)', 'coerc',
    'controlling (?:partner|husband|ex)', 'intervention order', 'avo\\b', 'safe house', 'women\'s refuge', 'refuge',
    'threaten\\S* me', 'hits me', 'difficult relationship', 'leaving (?:a|an|my) (?:abusive|difficult|violent)', 'afraid of (?:my|him)', 'scared of (?:my|him)',
    'домашн\\S* насили', 'семейн\\S* насили', 'насили', 'избива', 'бьет меня', 'бил меня', 'угрожа\\S* (?:мне|убить)',
    'боюсь (?:мужа|его|бывшего)', 'меня бил', 'тяжел\\S* отношен', 'кризисн\\S* центр', 'абьюз', 'тиран',
  ]),
  bereavement: wordStart([
    'passed away', 'died', 'death of', 'deceased', 'funeral', 'bereave', 'late (?:husband|wife|father|mother|mum|dad|partner)',
    'estate of', 'widow', 'executor',
    'умер', 'погиб', 'скончал', 'смерт', 'похорон', 'вдов', 'покойн', 'наследств', 'не стало', 'ушел из жизни', 'ушла из жизни',
  ]),
  cannot_pay: wordStart([
    "can'?t (?:pay|afford|make (?:the|my) (?:payment|repayment))", 'cannot (?:pay|afford|make (?:the|my) (?:payment|repayment))',
    'unable to (?:pay|afford|make (?:the|my|this) (?:payment|repayment))', 'not able to pay', 'behind on (?:my )?(?:repayments|payments|mortgage|rent)',
    'missed (?:a |my |two |three )?(?:repayment|payment)', 'fall(?:en|ing)? behind',
    "can'?t make (?:the |my )?(?:minimum |mortgage |loan |car loan )?(?:payment|repayment)", 'struggling to keep up with',
    "won'?t be able to pay", 'miss (?:a|one) (?:payment|repayment)',
    'не (?:могу|можем|смогу|сможем|в состоянии) (?:\\S+ )?(?:платить|оплатить|оплачивать|заплатить|вносить|внести|погаш|гасить)',
    'нечем (?:платить|гасить|оплатить|заплатить)', 'платить не (?:могу|можем|смогу)', 'не смогу заплатить', 'нечем платить', 'просрочк', 'просрочил', 'не тяну', 'не потяну',
  ]),
};

export function vulnerabilitySignals(text: string): VulnerabilitySignal[] {
  const normalized = normalizeText(text);
  return (Object.keys(VULNERABILITY_PATTERNS) as Exclude<VulnerabilitySignal, 'other'>[]).filter((signal) =>
    normalized.search(VULNERABILITY_PATTERNS[signal]) >= 0,
  );
}

const POSITIVE = wordStart([
  'thank', 'thanks', 'thx', 'great', 'excellent', 'amazing', 'awesome', 'love', 'lovely', 'happy', 'pleased', 'helpful',
  'brilliant', 'fantastic', 'appreciat', 'wonderful', 'perfect', 'quick(?:ly)?', 'resolved', 'sorted', 'kind', 'best',
  'спасибо', 'благодар', 'отличн', 'прекрасн', 'замечательн', 'супер', 'класс', 'довол', 'рад', 'рада', 'помогл', 'быстро',
  'вежлив', 'молодц', 'лучш', 'хорош', 'решили', 'решен',
]);
const NEGATIVE = wordStart([
  'disgust', 'terrible', 'awful', 'worst', 'horrible', 'ridiculous', 'unacceptable', 'angry', 'furious', 'fed up',
  'disappoint', 'useless', 'rude', 'joke', 'scam', 'fraud', 'stole', 'stolen', 'rip ?off', 'ripped off', 'never again',
  'frustrat', 'appall', 'shocking', 'pathetic', 'incompetent', 'wrong', 'unfair', 'complain', 'still (?:not|no|waiting)',
  'not happy', 'unhappy', 'upset', 'hate', 'problem', 'issue', 'error', 'fail', 'declin', 'blocked', 'charged twice',
  'ужас', 'кошмар', 'безобраз', 'возмут', 'отвратител', 'хамств', 'хам', 'бардак', 'обман', 'мошен', 'украл', 'развод',
  'недоволь', 'разочаров', 'бесит', 'надоел', 'достал', 'позор', 'жалоб', 'претензи', 'верните', 'проблем', 'ошибк',
  'не работает', 'не могу', 'списали', 'заблокир', 'издевательств', 'отстой', 'ненавиж', 'сколько можно',
]);
const NEGATION = /(?<![\p{L}])(?:not|no|never|не|нет|ни)\s+$/u;

function countHits(normalized: string, pattern: RegExp): number {
  let hits = 0;
  for (const match of normalized.matchAll(pattern)) {
    const before = normalized.slice(Math.max(0, (match.index ?? 0) - 8), match.index);
    hits += NEGATION.test(before) ? -1 : 1;
  }
  return hits;
}

/** Positive and negative lexicon words in a message (a negated word counts for the other side). */
export function lexiconPolarity(text: string): { positive: number; negative: number } {
  const normalized = normalizeText(text);
  const pos = countHits(normalized, POSITIVE);
  const neg = countHits(normalized, NEGATIVE);
  return { positive: Math.max(0, pos) + Math.max(0, -neg), negative: Math.max(0, neg) + Math.max(0, -pos) };
}

/** Lexicon polarity in -1..1 (before the classifier's kind is blended in). */
export function lexiconSentiment(text: string): number {
  const normalized = normalizeText(text);
  const score = countHits(normalized, POSITIVE) - countHits(normalized, NEGATIVE);
  const emphasis = (text.match(/!/g)?.length ?? 0) > 1 ? 1.3 : 1;
  return Math.tanh((score * emphasis) / 2);
}

const URGENT = wordStart([
  'urgent', 'asap', 'immediately', 'right now', 'emergency', 'today', 'stolen', 'fraud', 'scam', 'hacked', 'unauthori[sz]ed',
  'срочно', 'немедленно', 'прямо сейчас', 'сегодня', 'украли', 'мошен', 'взлом', 'без моего ведома', 'не я',
]);

export function hasUrgencyCue(text: string): boolean {
  return normalizeText(text).search(URGENT) >= 0;
}

/** Ways people say something went wrong and they expect it put right (RG 271's "expression of dissatisfaction"). */
const GRIEVANCE = wordStart([
  'still (?:not|no|nothing|waiting|hasn|haven|isn|hasnt|havent|doesn|broken|charg)', 'again', 'yet another', 'another (?:\\S+ )?(?:fee|charge)',
  'nobody', 'no one', 'no-one', 'never (?:got|received|arrived|told|answered|called)', 'not good enough', 'not happy', 'not on',
  'unacceptable', 'ridiculous', 'disgrace', 'outrage', 'appall', 'shocking', 'disgust', 'pathetic', 'useless', 'joke',
  'refund', 'reverse', 'reimburse', 'compensat', 'money back', 'fix (?:it|this)', 'sort (?:it|this) out', 'i want', 'i demand',
  'i expect', 'explain (?:why|that|this)', 'how is (?:that|this)', 'how did', 'why (?:was|were|did|have|has|am|is|are) (?:i|you|my|there|it)',
  'you (?:charged|took|closed|froze|blocked|cancelled|sent|lost|declined|refused|rejected|increased|approved|deducted|shared|failed)',
  'i was (?:charged|told|promised|made|never|treated|spoken|left|tricked|refused)', 'i(?:\'ve| have) been (?:waiting|charged|trying|calling|told|on hold)',
  '(?:days|weeks|months) (?:ago|later|and)', 'on hold', 'hung up', 'complain', 'escalat', 'misled', 'mislead', 'without (?:my|any|notice|consent|explanation)',
  'до сих пор', 'опять', 'снова', 'очередн', 'никто', 'ни ответа', 'сколько можно', 'безобраз', 'возмут', 'издева', 'позор', 'ужас', 'кошмар',
  'верните', 'вернуть (?:деньги|средства)', 'прошу (?:вернуть|разобраться|пересмотр|отменить)', 'требую', 'компенсац', 'разберитесь', 'исправьте',
  'почему (?:с меня|вы|мне|у меня|списал|взял)', 'вы (?:списали|взяли|закрыли|заблокировали|отказали|отправили|потеряли|навязали|расторгли|выдали|зачли)',
  'за что', 'без (?:моего|предупрежд|объяснен|согласия)', 'обман', 'жалоб', 'претензи', 'недоволен', 'недовольна', 'разочарован',
  'бросил\\S* трубку', '(?:дней|недел\\S*|месяц\\S*|дня) назад', 'не пришл', 'не приш', 'не дошл', 'не вернул', 'не ответил', 'не перезвон',
]);
const GRATITUDE = wordStart([
  'thank', 'thanks', 'cheers', 'appreciat', 'grateful', 'legend', 'brilliant', 'amazing', 'fantastic', 'excellent', 'well done', 'great (?:job|work|service)',
  'спасибо', 'благодар', 'молодц', 'отличн', 'супер', 'респект', 'прекрасн', 'замечательн', 'так держать',
]);
const ENQUIRY_OPENING = /^(?:hi|hello|hey|good (?:morning|afternoon)|здравствуйте|добрый (?:день|вечер)|доброе утро|привет)?[\s,!.]*(?:how|what|when|where|which|can|could|do|does|is|are|will|would|should|am i|may i|как|какой|какая|какие|какую|когда|где|сколько|можно|могу ли|есть ли|нужно ли|подскажите|скажите|уточн|вопрос|хочу узнать|а)(?![\p{L}])/u;

/** Machine-written or mass mail: auto-replies, bounces, notifications, marketing, phishing. */
const BROADCAST = wordStart([
  'out of (?:the )?office', 'automatic reply', 'auto-?reply', 'auto-?response', 'away from my desk', 'on (?:annual|parental) leave', 'left the company',
  'do not reply', 'not monitored', 'undeliverable', 'delivery (?:has )?failed', 'mail delivery', 'returned mail', 'delivery status',
  'unsubscribe', 'opt out', 'reply stop', 'newsletter', 'webinar', 'register now', 'podcast', 'invited', 'invitation', 'refer a friend',
  'dear (?:valued )?customer', 'click (?:here|the link)', 'verify (?:now|here|your)', 'congratulations', 'you have won', "you've won", 'winner',
  'pre-?approved', 'limited time', 't&cs apply', 'passcode', 'verification code', 'one-time', 'has been dispatched', 'was successful',
  'reminder:', 'scheduled maintenance', 'this (?:e-?mail|message) (?:is|has|and)', 'confidential and intended',
  'your (?:\\S+ ){0,3}(?:is|are|has been|was|will be) (?:now )?(?:available|pending|ready|dispatched|due|below|blocked|suspended|restricted|unavailable)',
  'log ?in to', 'submit your', 'pay now', 'guaranteed', 'celebrity', 'no prescription', 'earn \\$', 'turn \\$', 'matures', 'alert:',
  'from outside (?:of )?the organi', 'scanned for viruses', 'no longer with', 'meant to send', 'wrong (?:chat|number)', 'dm me',
  'уведомление', 'войдите', 'заработ', 'гарантирован', 'без вложений', 'в личку', 'вступай', 'оформите (?:сегодня|до)',
  'ваш[аеи]? (?:\\S+ ){0,3}(?:доступн|заканчивается|ниже|заблокирован|отправлен|арестован)', 'перезвоните по номеру',
  'у меня новый номер', 'извне организации', 'проверено антивирусом', 'больше не работаю', 'не тот чат', 'ошибся номером',
  'автоответ', 'автоматическ\\S* (?:ответ|сообщен|подтвержден)', 'вне офиса', 'в отпуске', 'в командировке', 'не на рабочем месте',
  'не отвечайте', 'не проверяется', 'не доставлен', 'уведомление о доставке', 'отписаться', 'отказ от рассылки', 'рассылк', 'вебинар',
  'приглашаем', 'приглашение', 'подкаст', 'приведи друга', 'уважаемый клиент', 'по ссылке', 'перейдите', 'подтвердите', 'поздравляем',
  'вы выиграли', 'предварительно одобрен', 'только сейчас', 'код подтверждения', 'одноразовый пароль', 'напоминаем', 'напоминание',
  'плановые работы', 'технические работы', 'выполнен успешно', 'конфиденциальн',
]);

/** Praise that is not: "exactly what I needed", "very generous of you". */
const IRONY = wordStart([
  'exactly what i (?:needed|wanted)', 'just what i needed', 'very generous', 'so generous', 'really impressive', 'impressive stuff',
  'love (?:waiting|paying|being|getting)', 'thanks for nothing', 'cheers for that', 'well done\\.?$', 'nice\\.', 'bravo',
  'can\'t wait to see', 'because (?:my|i) .{0,40} definitely', 'really reliable', 'great business model', 'makes sense',
  'спасибо за ничего', 'очень щедро', 'щедро', 'впечатляет', 'мечтал', 'браво', 'обожаю (?:ждать|платить)', 'очень надежно',
  'гениальн', 'жду не дождусь', 'конечно, пользуется', 'логично', 'очень клиентоориентированно', 'так держать\\?', 'мило\\.',
  'просто прекрасно', 'спасибо, банк',
]);

/** Something went wrong — on its own it fits complaints, enquiries and thank-yous alike. */
const PROBLEM = wordStart([
  'fees?(?![\\p{L}])', 'charg', 'declin', 'lost (?:my|the|our)? ?(?:documents|money|transfer|payment|deposit)', 'losing', 'fail', 'down',
  'outage', 'wait', 'error', 'block', 'froze', 'frozen', 'crash', 'stuck', 'missing', 'late (?:fee|payment|charge)', 'overdraw', 'forgets', 'logged out', 'premium', 'interest', 'loophole', 'without asking', 'rejected', 'denied',
  // A machine that keeps the card or the cash, and slowness, are problems however the message is dressed.
  '(?:ate|eaten|swallowed|kept|keeps|retained|held on to|took) (?:my|the|our) (?:\\S+ )?(?:card|cash|money|\\$|deposit)', 'slow(?:er|est|ly)?(?![\\p{L}])', 'locked (?:me|my|out|the|our)', 'takes? forever', 'taking forever',
  '(?:съел|зажевал|проглотил|забрал|удержал)\\S* (?:мою |мои |мое |мой )?(?:карт|деньг|наличн|купюр)', 'медленн', '(?:так|слишком|очень|безумно) долго',
  'комисс', 'плат[аеуы]', 'штраф', 'списа', 'отклон', 'потеря', 'сбой', 'сбоя', 'жд[уа]', 'ждать', 'ошибк', 'заблок', 'завис', 'не работа',
  'не грузится', 'не прош', 'не пришл', 'пропал', 'выкинул', 'лазейк', 'без спроса', 'не спросив', 'отказ',
]);
/** The problem was put right: thank-yous tell the story of a fix, sarcasm does not. */
const RESOLUTION = wordStart([
  'fixed', 'sorted', 'resolved', 'refunded', 'waived', 'tracked (?:it )?down', 'traced', 'stopped', 'saved', 'restored', 'approved',
  'arrived', 'delivered', 'in one (?:phone )?call', 'so quickly', 'straight away', 'within (?:minutes|an hour|a day)', 'help',
  'went above', 'went through', 'handled', 'without (?:any )?fuss', 'back on (?:our|my) feet', 'made it', 'paid (?:out|within|in)',
  'решили', 'решил', 'решен', 'вернул', 'отменили', 'нашли', 'остановил', 'спасли', 'починили', 'одобрили', 'пришли', 'пришел',
  'за один звонок', 'так быстро', 'сразу', 'помог', 'помощь', 'уладил', 'снизили', 'без проблем', 'без спор', 'доставили', 'оформили',
]);

/** Counts of complaint-like, thank-you-like and mass-mail phrases, and whether the message opens as a question. */
export function toneCues(text: string): {
  grievance: number;
  gratitude: number;
  broadcast: number;
  problem: number;
  resolution: number;
  irony: number;
  asksQuestion: boolean;
} {
  const normalized = normalizeText(text);
  const count = (pattern: RegExp) => [...normalized.matchAll(pattern)].length;
  return {
    grievance: count(GRIEVANCE),
    gratitude: count(GRATITUDE),
    broadcast: count(BROADCAST),
    problem: count(PROBLEM),
    resolution: count(RESOLUTION),
    irony: count(IRONY),
    asksQuestion: ENQUIRY_OPENING.test(normalized.trim()),
  };
}

/** What a message is about: product and issue words in both languages (hints for the product and issue heads). */
const TOPICS: Record<string, RegExp> = {
  'product:card': wordStart(['card', 'credit card', 'debit', 'visa', 'mastercard', 'pin', 'tap and pay', 'eftpos', 'apple pay', 'atm', 'cashback', 'rewards', 'карт', 'кредитк', 'пин', 'банкомат', 'кэшбэк', 'бесконтакт', 'терминал']),
  'product:account': wordStart(['account', 'savings', 'term deposit', 'deposit', 'statement', 'overdraft', 'branch', 'teller', 'счет', 'вклад', 'выписк', 'овердрафт', 'отделени', 'касс', 'накопительн']),
  'product:loan': wordStart(['personal loan', 'car loan', 'loan', 'lending', 'lender', 'borrow', 'repayment', 'collections', 'кредит(?!к|н\\S* карт)', 'автокредит', 'займ', 'заем', 'коллектор', 'погашени']),
  'product:mortgage': wordStart(['mortgage', 'home loan', 'refinanc', 'offset', 'settlement', 'discharge', 'fixed rate', 'ипотек', 'рефинанс', 'обременен', 'сделк', 'квартир']),
  'product:insurance': wordStart(['insur', 'claim', 'policy', 'premium', 'assessor', 'excess', 'cover', 'страх', 'полис', 'каско', 'осаго', 'франшиз', 'выплат', 'оценщик', 'эксперт']),
  'product:superannuation': wordStart(['super', 'rollover', 'retire', 'contribution', 'preservation', 'death benefit', 'пенсион', 'накоплени', 'фонд', 'взнос']),
  'product:payments': wordStart(['transfer', 'payid', 'osko', 'bpay', 'swift', 'direct debit', 'payment', 'payee', 'international', 'перевод', 'платеж', 'сбп', 'автоплатеж', 'реквизит', 'получател']),
  'product:digital_banking': wordStart(['app', 'online banking', 'internet banking', 'netbank', 'log ?in', 'password', 'website', 'face id', '2fa', 'chatbot', 'приложени', 'интернет-банк', 'онлайн', 'пароль', 'вход', 'сайт', 'чат-бот', 'обновлени']),
  'issue:fees': wordStart(['fees?(?![\\p{L}])', 'charg(?:e|es|ed|ing)(?! (?:twice|back))', 'interest rate', 'cost', 'комисс', 'плат(?:а|у|ы) за', 'тариф', 'штраф', 'процент']),
  'issue:delay': wordStart(['still (?:waiting|not|hasn|haven)', 'waiting', 'weeks?', 'months?', 'days ago', 'how long', 'delay', 'до сих пор', 'жд[уе]', 'ждать', 'недел', 'месяц', 'дней', 'задерж', 'сколько можно']),
  'issue:incorrect_transaction': wordStart(['twice', 'double', 'duplicate', 'wrong (?:account|amount|bsb)', 'not showing', 'never (?:received|arrived)', 'missing', 'дважды', 'двойн', 'повторн', 'не пришл', 'не поступ', 'не тот счет', 'не зачисл']),
  'issue:fraud_scam': wordStart(['fraud', 'scam', 'stolen', 'hacked', 'unauthori', "didn'?t make", 'not me', 'phishing', 'skimm', 'мошен', 'украл', 'краж', 'взлом', 'не я', 'не совершал', 'развел', 'обман']),
  'issue:hardship': wordStart(['hardship', 'lost my job', 'redundan', 'unemploy', "can'?t (?:pay|afford)", 'pause', 'трудн', 'тяжел', 'потерял\\S* работ', 'сокращ', 'отсрочк', 'каникул', 'реструктуризац', 'нечем платить']),
  'issue:privacy': wordStart(['privacy', 'someone else', 'another customer', 'my (?:details|data|information)', 'data breach', 'personal information', 'marketing', 'чуж', 'персональн', 'утечк', 'мои данные', 'рассылк']),
  'issue:staff_conduct': wordStart(['rude', 'staff', 'teller', 'operator', 'manager', 'laughed', 'swore', 'condescending', 'unprofessional', 'хам', 'груб', 'сотрудни', 'оператор', 'кассир', 'менеджер', 'нахамил', 'посмеял']),
  'issue:outage': wordStart(['down', 'outage', 'not working', 'unavailable', 'error', "won'?t load", 'crash', 'не работает', 'сбой', 'лежит', 'недоступ', 'ошибк', 'не грузится', 'вылета']),
};

/** The product and issue topics a message mentions (`product:card`, `issue:fees`, …). */
export function topicCues(text: string): string[] {
  const normalized = normalizeText(text);
  return Object.keys(TOPICS).filter((topic) => normalized.search(TOPICS[topic]) >= 0);
}
