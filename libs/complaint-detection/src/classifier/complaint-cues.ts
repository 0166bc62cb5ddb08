import { normalizeText, wordsOf } from './text-features';
import { lexiconPolarity, toneCues, topicCues, vulnerabilitySignals, wordStart } from './signal-lexicons';

/**
 * The evidence the decision policy (complaint-decision.ts) weighs beside the model: whether a message is
 * machine-written or a bare acknowledgement (the only noise it accepts), and every sign of dissatisfaction,
 * however politely or ironically put. RG 271 counts any expression of dissatisfaction where a response is
 * expected; these cues name the ways customers express it that a model trained on plain complaints misses.
 */

/** Plain dissatisfaction: words a satisfied or merely curious customer does not use. */
const DISSATISFIED = wordStart([
  'unhappy', 'not (?:happy|impressed|pleased|satisfied|okay|ok|good enough|fair|right|acceptable)', 'disappoint', 'let down', 'frustrat',
  'fed up', 'sick (?:of|and tired)', 'unacceptable', 'ridiculous', 'disgrace', 'appall', 'shocking', 'outrage', 'pathetic',
  'useless', 'terrible', 'awful', 'worst', 'horrible', 'hopeless', 'a joke', 'rip(?:ped|ping)? ?off', 'scammed', 'conned', 'fleeced',
  'swindl', 'robbed', 'unfair', 'unprofessional', 'rolled (?:her|his|their) eyes', 'insane', 'crazy', 'absurd', 'ignored', 'ombudsman', 'afca', 'misled', 'mislead', 'lied to', 'shameful', 'unbelievable', 'inappropriate',
  'never (?:received|arrived|got|told|answered|called|replied|heard)', 'still (?:waiting|not|no|nothing|haven|hasn|hasnt|havent|isn|doesn|broken)',
  '(?:nobody|no one|no-one|noone) (?:told|calls?|called|answers?|answered|repl(?:y|ies|ied)|helped|helps|explained|got back|gets back|cares|will|picks up|picked up|responds?|responded)',
  'no (?:response|reply|answer|explanation|warning|notice)', 'hung up', 'on hold for', 'rude', 'shouted', 'laughed at',
  'without (?:my (?:consent|permission|knowledge)|asking|warning|notice|telling|any (?:warning|notice|explanation))',
  '(?:charged|debited|taken|deducted|billed) (?:me )?(?:twice|double|two times|again)', 'double charged', 'never (?:came|showed up|happened)',
  'waited (?:an hour|hours|for hours|\\d+ (?:minutes|mins|hours))', "i thought (?:\\S+ ){1,3}(?:banned|illegal|free|included|not allowed)",
  "(?:wasn'?t|was not|not) me", "i (?:didn'?t|did not|never) (?:make|authori[sz]e|sign|agree)", 'unauthori[sz]ed',
  'keeps (?:saying|crashing|failing|declining|logging me out|freezing)', 'you (?:keep|kept) (?:charging|calling|taking|sending|ignoring|declining|blocking|chasing)',
  'вы (?:продолжаете|все еще|до сих пор) (?:списыва|начисля|звони|присыла|игнориру)',
  'someone (?:has |is )?(?:using|used|took|stole|hacked|accessed|spent) my',
  'for no reason', 'без (?:всякой )?причины', "i don'?t think (?:\\S+ ){0,6}(?:is|was|are|were) (?:right|fair|correct)", 'не думаю,? что (?:\\S+ ){0,6}(?:правильн|справедлив|верн)',
  "can'?t do anything", 'ничего не могу сделать', 'treated (?:me )?like a', 'обращаются (?:со мной )?как с', 'кто-то (?:\\S+ ){0,3}(?:расплачива|снял|снимает|списал|пользуется|взломал)', 'you (?:charged|took|closed|froze|blocked|cancelled|lost|declined|refused|rejected|deducted|kept|ignored) (?:me|my|it|the)',
  'i (?:was|have been|got) (?:charged|told|promised|refused|treated|misled|ignored|overcharged)', 'yet again', 'once again',
  'for the (?:second|third|fourth|fifth|\\d+(?:nd|rd|th)) time', '(?:three|four|five|six|several|many|\\d+) times', 'not good enough',
  'i want (?:my money|a refund|it (?:fixed|reversed|refunded)|an apology|answers)', 'i expect (?:an|a|my|better)', 'i demand', 'apolog(?:y|ise|ize) (?:to me|now)',
  '(?:is|are|was|were|shows?|showing|been|got (?:it|this|that)) (?:\\S+ ){0,3}wrong', 'another (?:\\S+ )?(?:fee|charge)', '(?:yet )?another (?:day|week|month|year),? another',
  'fix it', 'sort it out', 'sort this out', 'reverse (?:it|this)', 'refund (?:it|me)(?![\\p{L}])',
  'недовол', 'разочаров', 'непрофессионал', '(?:неправильн|неверн)\\S* (?:сумм|баланс|остат|начисл|списан|процент)', 'возмущ', 'возмут', 'безобраз', 'ужас', 'кошмар', 'позор', 'издевательс', 'отврат', 'хамств', 'нахамил',
  'нагрубил', 'грубо', 'обманул', 'обман', 'развел', 'развели', 'надули', 'кинули', 'обобрал', 'омбудсмен', 'безуми', 'абсурд',
  'прождал', 'засмеял', 'посмеял', 'это не я', 'не (?:совершал|подписывал|соглашал|разрешал)', 'постоянно (?:вылетает|выкидывает|пишет ошибк)',
  'до сих пор (?:не|нет|ничего|жду)', 'так и не', '(?:никто|ни один) не', 'ни ответа', 'никакого (?:ответа|решения)', 'бросил\\S* трубку',
  'без (?:предупреждени|объяснени|согласия|моего (?:ведома|согласия)|спроса|причин)', '(?:дважды|два раза) (?:списал|списыва|взял|сняли)',
  'сколько можно', 'надоел', 'достал', 'бесит', 'нечестно', 'несправедлив', 'недопустим', 'неприемлем', 'бесчеловеч', 'верните', 'требую',
  'за гранью', 'отфутболил', 'ни с чем', 'это (?:смешно|ненормально|неправильно|издевательство)', 'опять', 'очередн',
  '(?:второй|третий|четвертый|пятый) (?:раз|месяц)', 'худш', 'отстой', 'разберитесь', 'исправьте',
]);

/** A complaint in polite clothing: "with respect, I would like to raise a concern", "не хочу скандалить, но". */
const SOFT_COMPLAINT = wordStart([
  'with (?:all )?(?:due )?respect', 'raise (?:a|my) concern', "i(?:'m| am) not one to complain", "i don'?t (?:want|like) to (?:make a fuss|complain|cause trouble|be difficult)",
  'sorry to (?:bother|trouble) you(?: again)?,? but', "i(?:'m| am) afraid", 'unfortunately', 'however,? i', 'i would have expected',
  'kindly (?:explain|look into|reverse|refund|fix|remove)', 'i feel (?:let down|ignored|cheated|misled)', 'concerned (?:that|about)',
  'не хочу (?:скандалить|жаловаться|ругаться|поднимать шум)', 'извините за беспокойство,? но', 'к сожалению', 'вынужден\\S* (?:сообщить|обратиться|написать)',
  'однако', 'прошу (?:вас )?(?:разобраться|вернуть|отменить|пересмотреть|объяснить|исправить)',
]);

/** Someone close to the writer: a complaint about how a friend or relative was treated is still a complaint. */
const THIRD_PARTY = wordStart([
  '(?:my|our) (?:elderly |old |late |\\d+ ?year ?old )?(?:friend|mum|mom|mother|dad|father|son|daughter|wife|husband|partner|brother|sister|neighbou?r|grandmother|grandfather|grandma|grandpa|nan|nana|aunt|uncle|colleague|mate|parents?|kids?|child|children|flatmate|cousin)',
  'a (?:friend|colleague|neighbou?r|relative|family member)', "(?:mum|dad|mom)'s",
  '(?:друг|сын|брат|муж|отц)(?:[ауе]|ом)?(?![\\p{L}])', 'отец', 'подруг', 'мам[аеуыо](?![\\p{L}])', 'пап[аеуы](?![\\p{L}])', 'доч[ьк]', 'дочер',
  'жен[аеуы](?![\\p{L}])', 'сестр', 'сосед', 'бабушк', 'дедушк', 'коллег', 'родител', 'знаком(?:ый|ая|ому|ой|ую|ым)',
]);

/** A question that asks for an account of a wrong, not for information. */
const DISSATISFIED_QUESTION = wordStart([
  'why (?:was|were|did|has|have|am|is|are|on earth) (?:i|you|my|me|it|this|there|they|your|we|the|a|an|\\$)', 'why (?:the hell|on earth)',
  'why do(?:es)? (?:it|this) (?:take|cost)', 'how (?:is|was|can) (?:it|that|this) (?:fair|legal|possible|okay|ok|acceptable|right|allowed|justified)',
  'how (?:can|could|dare) you', 'how many more (?:times|days|weeks|months)', 'how much longer',
  'where (?:is|are) (?:my|the) (?:money|refund|card|payment|transfer|funds|claim|cashback|rebate|bonus)', 'so where is', 'what (?:happened|has happened) to (?:my|the)',
  'who (?:authori[sz]ed|allowed|approved|gave you|decided)', '(?:is|are) (?:anyone|anybody|you) (?:ever )?going to (?:fix|answer|call|reply|do)', 'is (?:anyone|anybody) (?:actually|ever|going)',
  'do you (?:actually|even|ever|really) (?:read|listen|care|check|look)', '(?:ever|actually|even) going to (?:work|arrive|happen|answer|call|fix|be)',
  'what(?: i|\'|)s the point', 'when exactly', 'on what (?:grounds|basis)', 'how did (?:my|a|the|you|this|it) ', 'who (?:thought|came up with)',
  "(?:it'?s|it has|that'?s) been (?:\\d+|two|three|four|five|six|several|many) (?:days|weeks|months)",
  '(?:take|takes|taking|took) (?:\\d+|two|three|four|five|six|several) (?:days|weeks|months) to',
  'is it too much to ask', 'are you (?:serious|kidding)', 'you (?:must|have got to) be (?:joking|kidding)', "aren'?t you (?:embarrassed|ashamed)",
  'and this is what you call', 'why would anyone', 'неужели', 'разве это', 'вы серьезно', 'это шутка', 'вам не стыдно', 'и это называется',
  'кто (?:вообще|в здравом уме)', 'какой смысл', 'вы вообще',
 'когда-нибудь (?:будет|заработает|придет|ответите)', 'когда (?:уже|же)', 'на каком основании', 'как (?:мой|моя|мои|мое|так получилось)',
  'кто (?:придумал|додумался)', 'с чего (?:вдруг|бы)', '(?:прошло|уже) (?:\\d+|два|три|четыре|пять|шесть|несколько) (?:дн|недел|месяц)',
  '(?:can|could) (?:someone|somebody|anyone|you) (?:please )?explain why', 'explain why', 'since when (?:do|does|is|are|can)', 'what is going on',
  'почему (?:с меня|мне|у меня|вы|мой|моя|мое|мои|до сих пор|опять|так долго|я должен|я должна|ваш)', 'на каком основании',
  'с какой стати', 'куда (?:делись|пропал|ушл|исчез)', 'где (?:мои|мой|моя) (?:деньги|возврат|средства|карта|перевод|выплата|кэшбэк|кешбэк|бонус)', 'ну и где',
  'сколько (?:еще|можно(?=[.!?]|$| ждать| терпеть))', 'кто (?:дал (?:вам )?право|разрешил|позволил|решил)', 'кто-нибудь собирается',
  'как (?:это )?(?:законно|можно (?:было )?(?:отказать|списать|закрыть|так))', 'откуда (?:вы|у вас|коллектор)', 'зачем вы', 'мне кто-нибудь', 'как так',
  'объясните,? почему', 'что происходит',
  // "Why must I …, when …?": the question points at a contradiction, it does not ask for information.
  'why (?:do|does|did|should|must|would|am|is|are|was|were|can|cant|can\'t|won\'t|wont) (?:\\S+ ){1,14}when (?:there|i|i\'ve|i\'m|it|you|your|the|my|we|they|all|nobody|no|none)',
  'why should (?:i|we|my|anyone)',
  'почему (?:\\S+ ){1,14}(?:если|когда|раз|хотя) (?:у вас|у меня|я уже|я же|ближайш|ваш|в моем|в нашем|нет|ни одного|он|она|оно|их|мне|все)',
  'почему (?:я )?(?:должен|должна|обязан|обязана|вынужден|вынуждена|приходится)',
  // "Why is it already a month?": the time that has passed is the grievance.
  'why (?:\\S+ ){0,12}(?:already|now|still|over|more than|for) (?:a |an |one |two |three |four |five |six |seven |eight |nine |ten |a couple of |a few |several |many |\\d+ )?(?:days?|weeks?|months?|years?)',
  'почему (?:\\S+ ){0,12}(?:уже|до сих пор|больше|более|целый|целую|целых) (?:\\d+ |два |две |три |четыре |пять |шесть |семь |восемь |девять |десять |пару |несколько |много |полтора )?(?:дн|сут|недел|месяц|год|лет)',
  'why (?:\\S+ ){0,8}(?:so long|so slow|forever|ages)', 'почему (?:\\S+ ){0,8}(?:так долго|так медленно|столько времени|целую вечность)',
]);

/** A "why" that is a reproach when it is about a problem or money ("why has my balance gone down?"). */
const WHY = wordStart(['why', 'what happened', 'почему', 'зачем', 'откуда', 'что случилось']);
const MONEY = /[$€£₽]\s?\d|\d\s?(?:руб|р\.|\$|aud|usd|dollars?|тыс)/iu;

/** Something physically wrong at a branch or ATM: a report that always deserves a case (and feeds incident detection). */
const PREMISES_INCIDENT = wordStart([
  'smok(?:e|ing)', 'on fire', 'burst pipe', 'gas leak', 'evacuat', 'broken glass', 'smashed',
  'дым', 'горит', 'пожар в', 'прорвал', 'эвакуац', 'разбит',
]);

const BRANCH_OR_ATM = wordStart(['branch', 'office', 'atm', 'outside', 'doors?', 'отделени', 'офис', 'банкомат', 'двер', 'у входа']);

/** Money the customer lost or cannot reach. */
const MONEY_LOST = wordStart([
  'lost (?:\\$|my (?:money|savings|deposit|payment))', 'out of pocket', 'no money', 'nothing (?:left )?for (?:food|rent|bills)',
  'took (?:my|the) (?:whole|entire|last|all)', "can'?t (?:access|use|get to) my (?:money|funds|account)", 'left me with nothing',
  'без денег', 'ни с чем', 'пропали деньги', 'потерял\\S* (?:деньги|\\d)', 'списали (?:всю|все)', 'не могу (?:снять|получить) (?:деньги|зарплату)',
]);

/** Thanks that carries a sting: "thanks for the service, now I have no money", "спасибо за … теперь …". */
const SARCASM = wordStart([
  'thanks? (?:you )?(?:so much |a lot |a bunch |heaps )?for (?:nothing|the (?:new|extra|added) (?:fee|charge))',
  '(?:thanks?|cheers)(?: you)?(?: a lot| a bunch| heaps)?,? .{0,60}(?:now i|and now|so now)',
  '(?:great|brilliant|perfect|fantastic|wonderful|lovely|amazing|wow|oh great),? (?:another|again|charged|declined|blocked)',
  'спасибо(?: вам| тебе)?(?: за .{0,60})?,? (?:теперь|а теперь|зато|в итоге)', 'спасибо,? банк', 'ну спасибо',
  '(?:отлично|прекрасно|замечательно|супер|класс),? .{0,30}(?:опять|снова|заблок|списа|не работает)',
]);
/**
 * Praise that opens a sentence ("Perfect, …", "Отлично, …") or closes it with hyperbole ("best bank ever",
 * "love your work"): sarcasm when the same message tells of a problem nobody fixed.
 */
const PRAISE_OPENER = /(?:^|[.!?…]\s*)(?:oh |well |just |wow,? )?(?:great|perfect|brilliant|fantastic|wonderful|lovely|amazing|awesome|excellent|superb|marvell?ous|splendid|terrific|outstanding|nice(?: one)?|good job|well done|oh good|cool|отлично|прекрасно|замечательно|великолепно|шикарно|чудесно|супер|класс|круто|восхитительно|браво|здорово)[,!.…—–-]/u;
const HYPERBOLE = wordStart([
  'best (?:bank|service|insurer|customer service|app)(?: in the world| ever| on earth)?(?:!|\\.|$| ever)', '(?:bank|service|insurer|app) of the year', 'love (?:your|the) (?:work|service)',
  'keep up the (?:good|great) work', 'well played', 'what (?:a|great) (?:service|bank|experience)', 'at (?:its|their) (?:finest|best)', '10/10', 'five stars?', 'truly (?:the|a) gift',
  'world[- ]class', 'top (?:notch|class) (?:service|stuff)', 'you never (?:fail|disappoint) to',
  'лучший (?:банк|сервис|сервис в мире)', 'банк года', 'так держать', 'высший класс', 'сервис на высоте', 'на высоте', 'браво', 'пять звезд', '10 из 10', 'мировой уровень',
]);
/** The customer's money leaves quickly and comes back slowly, if at all: "fast to take, slow to refund". */
const QUICK_TO_TAKE = wordStart([
  '(?:fast|quick|quickly|instantly|speedy|rapid|no time)\\S* (?:\\S+ ){0,5}(?:take|taking|took|charge|charging|charged|debit|deduct|grab|collect)',
  '(?:take|taking|took|charge|charging|charged|debit|deduct|collect)\\S* (?:\\S+ ){0,5}(?:fast|quick|instantly|in seconds|straight away|on the dot)',
  '(?:списа|снима|снять|сня|взя|бер|забира)\\S* (?:\\S+ ){0,4}(?:быстро|мгновенно|моментально|за секунд|в тот же день|сразу)',
  '(?:быстро|мгновенно|моментально|сразу)\\S* (?:\\S+ ){0,4}(?:списа|снима|снять|сня|взя|бер|забира)',
]);
const SLOW_TO_GIVE = wordStart([
  'slow', 'forever', 'never (?:refund|return|pay|give)', '(?:weeks|months|ages) to (?:refund|return|pay|give|fix)', 'refund(?:s|ing)? (?:\\S+ ){0,4}(?:weeks|months|never|ages)',
  'медленн', 'месяц\\S*', 'недел\\S*', 'не дождешься', 'никак', 'вечность', 'полгода',
]);
const IRONIC_EMOJI = /🙃|🙄|🤡|😒|🤦/u;
/** A promise in scare quotes: the "instant" transfer, the «бесплатная» card. */
const SCARE_QUOTES = /["«“](?:instant|free|fee-free|no fee|quick|fast|easy|simple|мгновенн|бесплатн|быстр|прост)[^"»”]{0,20}["»”]/iu;

/**
 * Written by a system or sent to many, beyond the mass-mail phrases the model already has (BROADCAST in
 * signal-lexicons.ts): receipts, ticket confirmations, surveys, statements ready, test messages.
 */
const MACHINE = wordStart([
  'automated (?:message|email|reply|response|notification)', 'this is an automated', 'do not reply', 'no-?reply', 'receipt (?:for|from|#|no)',
  'your (?:\\S+ )?receipt', 'ticket (?:#|no\\.?|number) ?\\d', 'has been received', 'we (?:will|\'ll) (?:respond|reply|be in touch|get back|contact you)',
  'is now (?:available|ready)', 'thank you for (?:your )?(?:application|email|message|enquiry|feedback|order|subscribing|registering|contacting)',
  'test (?:message|sms|email)', 'survey', 'if this (?:wasn\'?t|was not) you', 'new secure message', 'upgrading our systems', 'may be unavailable',
  'important information about', 'monthly update', 'please find attached', 'fwd:', 'forwarded message', "sorry,? (?:wrong|that (?:was(?:n'?t| not)) (?:for|meant))",
  'will (?:reply|respond|get back to you) (?:when|on my|as soon|on return)', 'ooo(?![\\p{L}])', 'hot singles', 'free (?:solar|gift|pizza|iphone|trial)', 'no prescription',
  'millions? (?:dollars|usd|to transfer)', 'widow from', 'trusted partner', 'rate (?:your|us|our)', 'reply (?:\\d|yes|stop|y )', 'how did we do', 'one-time (?:code|password|pin)',
  'statement (?:for|is)', 'order (?:#|no|number)', 'tracking (?:number|link)', 'unsubscribe', 'manage (?:your )?preferences', 'sent from my',
  'автоматическ', 'не отвечайте', 'чек (?:по|за|№)', 'ваш (?:\\S+ )?чек', 'заявк\\S* (?:№|номер|принят)', 'обращение (?:№|принято|зарегистрировано)',
  'ответ(?:им| придет) в течение', 'свяжемся с вами', 'доступн\\S* в (?:интернет-банке|приложении|личном кабинете)', 'спасибо за (?:обращение|заявку|письмо|подписку|заказ)',
  'тестов\\S* (?:сообщение|смс|письмо)', 'опрос', 'оцените', 'ответьте (?:\\d|да|стоп)', 'код (?:подтверждения|для входа)', 'заказ (?:№|номер)',
  'трек-номер', 'отправлено с', 'отписаться', 'если это не вы', 'защищ\\S* сообщение', 'будут недоступн', 'важная информация', 'во вложении',
  'переслано', 'это было не вам', 'не проверяю', 'обращайтесь к коллег', 'без рецепта', 'млн долларов', 'вдова из', 'надежного партнера',

]);

/** A link with a call to act on it: phishing and spam ("pay the redelivery fee here: http://…"). */
const URL = /https?:\/\/|www\./i;
const LINK_BAIT = wordStart([
  'pay', 'verify', 'secure', 'claim', 'click', 'redeem', 'unblock', 'update', 'confirm', 'log ?in', 'here', 'register', 'win',
  'оплат', 'подтверд', 'защит', 'укажите', 'получ', 'перейд', 'войд', 'обнов', 'выигр', 'забер',
]);

/** Words that say "received", "thanks", "ok" and nothing else: the bare acknowledgements triage keeps as noise. */
const ACK_WORDS = new Set([
  'ok', 'okay', 'okey', 'k', 'kk', 'thanks', 'thank', 'thankyou', 'you', 'u', 'thx', 'thnx', 'thnks', 'ty', 'tq', 'cheers', 'ta', 'great', 'good', 'fine',
  'cool', 'got', 'it', 'noted', 'received', 'sure', 'yes', 'yep', 'yeah', 'yup', 'no', 'nope', 'right', 'alright', 'perfect', 'excellent',
  'awesome', 'lovely', 'nice', 'all', 'sorted', 'done', 'will', 'do', 'understood', 'much', 'appreciated', 'so', 'very', 'many', 'hi',
  'hello', 'hey', 'bye', 'see', 'later', 'lol', 'haha', 'hahaha', 'regards', 'kind', 'again', 'a', 'lot', 'again', 'mate', 'team', 'again',
  'ок', 'окей', 'уже', 'спасибо', 'спс', 'пасиб', 'благодарю', 'хорошо', 'понял', 'поняла', 'понятно', 'принято', 'принял', 'приняла', 'ясно',
  'да', 'нет', 'ага', 'угу', 'отлично', 'супер', 'класс', 'ладно', 'получил', 'получила', 'все', 'всё', 'решилось', 'норм', 'пока',
  'привет', 'здравствуйте', 'большое', 'огромное', 'еще', 'ещё', 'раз', 'вам', 'тебе', 'вас', 'хах', 'ахах', 'понятненько', 'спасибочки',
  // "It worked, thanks": the customer reports their own problem gone.
  'works', 'worked', 'working', 'now', 'fixed', 'получилось', 'сработало', 'заработало', 'разобрался', 'разобралась', 'теперь',
]);
/** Whole acknowledgement phrases, taken out before the words are checked. */
const ACK_PHRASES = wordStart([
  'thanks? (?:you )?for (?:letting me know|the (?:info|information|update|reply|quick reply|heads up))', "that'?s all i needed", 'all good(?: now)?',
  'no worries', 'will do', 'got it', 'no thanks', 'have a (?:good|great|nice|lovely) (?:day|weekend|one|evening)', 'that answers my question',
  'testing', 'test', 'без проблем', 'это ответ на мой вопрос', 'хорошего (?:дня|вечера)', 'хороших выходных', 'спасибо,? что (?:сообщили|ответили|предупредили)', 'спасибо за (?:информацию|ответ|быстрый ответ)',
  'все (?:уже )?(?:норм|нормально|хорошо|в порядке)', 'это все,? что нужно было',
]);
const ATTENTION = wordStart(['help', 'urgent', 'asap', 'please call', 'call me', 'помогите', 'срочно', 'перезвоните']);

export type DissatisfactionCue =
  | 'dissatisfied'
  | 'irony'
  | 'soft_complaint'
  | 'third_party'
  | 'dissatisfied_question'
  | 'money_lost'
  | 'premises_incident';

/** The message asks for something: a question, or a request. An enquiry always does. */
const REQUEST = wordStart([
  'please', 'pls', 'plz', 'kindly', "(?:i|we) would like", "(?:i|we)'d like", '(?:i|we) want to', '(?:i|we) need', 'looking for', 'interested in', 'wondering',
  'how', 'what', 'when', 'where', 'which', 'who', 'can (?:i|we|you)', 'could', 'is (?:it|there)', 'are there', 'do (?:i|you|we)', 'let me know', 'advise',
  'пожалуйста', 'прошу', 'хочу', 'хотел', 'хотела', 'подскажите', 'скажите', 'нужн', 'интересует', 'как', 'когда', 'где', 'сколько', 'можно', 'могу ли',
  'есть ли', 'какой', 'какая', 'какие', 'какую', 'сообщите',
]);

export interface ComplaintCues {
  /** Auto-replies, delivery reports, notifications, newsletters, spam and phishing wording. */
  machine: boolean;
  /** Nothing but "ok", "thanks", a greeting or a few words with no subject ("message 1"). */
  acknowledgement: boolean;
  dissatisfaction: DissatisfactionCue[];
  /** Something went wrong and the message does not say it was put right (a compliment's disqualifier). */
  unresolvedProblem: boolean;
  vulnerable: boolean;
  /** A question or a request; a message that asks nothing is not an enquiry. */
  asksSomething: boolean;
}

/** Every cue in one pass over the (already readable, i.e. de-transliterated) text. */
export function complaintCues(text: string): ComplaintCues {
  const normalized = normalizeText(text);
  const has = (pattern: RegExp) => normalized.search(pattern) >= 0;
  const tone = toneCues(text);
  const lexicon = lexiconPolarity(text);
  const vulnerable = vulnerabilitySignals(text).length > 0;
  const thirdPartyHarm = has(THIRD_PARTY) && (lexicon.negative > 0 || tone.grievance > 0 || tone.problem > 0 || has(DISSATISFIED) || has(MONEY_LOST));
  const unresolvedProblem = tone.problem > 0 && tone.resolution === 0;
  // The older irony lexicon (signal-lexicons.ts) also holds sincere praise ("впечатляет", "genius"): irony only beside a problem.
  const ironicPraise = tone.irony > 0 && (unresolvedProblem || lexicon.negative > 0);
  const praiseBesideProblem = (PRAISE_OPENER.test(normalized) || has(HYPERBOLE)) && unresolvedProblem;
  const sarcasm =
    ironicPraise || praiseBesideProblem || (has(QUICK_TO_TAKE) && has(SLOW_TO_GIVE)) || has(SARCASM) || IRONIC_EMOJI.test(text) ||
    SCARE_QUOTES.test(text) || (tone.gratitude > 0 && unresolvedProblem && lexicon.negative > 0);
  const dissatisfaction: DissatisfactionCue[] = [];
  if (has(DISSATISFIED)) dissatisfaction.push('dissatisfied');
  if (sarcasm) dissatisfaction.push('irony');
  if (has(SOFT_COMPLAINT) && (tone.problem > 0 || tone.grievance > 0 || lexicon.negative > 0 || has(DISSATISFIED))) dissatisfaction.push('soft_complaint');
  if (thirdPartyHarm) dissatisfaction.push('third_party');
  if (has(DISSATISFIED_QUESTION) || (has(WHY) && (tone.problem > 0 || MONEY.test(text)))) dissatisfaction.push('dissatisfied_question');
  if (has(MONEY_LOST)) dissatisfaction.push('money_lost');
  if (has(PREMISES_INCIDENT) && has(BRANCH_OR_ATM)) dissatisfaction.push('premises_incident');
  return {
    machine: tone.broadcast > 0 || has(MACHINE) || (URL.test(text) && has(LINK_BAIT)),
    acknowledgement: isAcknowledgement(text, normalized, dissatisfaction.length > 0 || vulnerable || tone.problem > 0 || lexicon.negative > 0),
    dissatisfaction,
    unresolvedProblem,
    vulnerable,
    asksSomething: text.includes('?') || tone.asksQuestion || has(REQUEST),
  };
}

/**
 * Bare acknowledgements: only acknowledgement words ("ok thanks", "спасибо, всё решилось"), or at most three
 * words that name nothing (no product, problem or plea: "message 1", "probe 3", "never mind").
 */
function isAcknowledgement(text: string, normalized: string, troubled: boolean): boolean {
  if (troubled || normalized.search(ATTENTION) >= 0) return false;
  const words = wordsOf(normalized.replace(ACK_PHRASES, ' ')).filter((w) => w !== '#');
  if (words.every((w) => ACK_WORDS.has(w))) return true;
  return wordsOf(text).filter((w) => w !== '#').length <= 3 && topicCues(text).length === 0;
}
