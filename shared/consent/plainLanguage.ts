/**
 * Plain-language opt-out requests in English and Spanish ("please stop texting me", "remove me
 * from this list", "no más mensajes"). The FCC's 2024 revocation rule and CTIA guidance ask that
 * a reply a reasonable person reads as "stop" be honoured even when it is not a keyword.
 *
 * Precision matters more than recall: a false opt-out silently loses a contact, while a missed
 * one is still visible to a person in the inbound timeline. So a phrase counts only when
 * - its core names *us messaging them* ("stop texting me", not "stop by" or "stop texting him"),
 * - the words before it in its clause are a request or a wish from the contact ("can you",
 *   "I want you to", "I'd like to", "por favor", "quiero"), never a negation, a question about
 *   the past or someone else's subject ("please don't", "why did you", "I'll", "dile que"),
 * - the words after it add nothing that narrows it ("stop texting me so late", "no me escribas
 *   antes de las 9" are complaints about timing, not opt-outs),
 * - and, for statements ("no more deals"), it is not asked as a question ("no more deals?").
 * Texts are matched after `phraseSegments`: lower case, no accents, no apostrophes.
 * @see https://www.govinfo.gov/content/pkg/FR-2024-03-05/html/2024-04587.htm
 */

/** Alternatives as a regex group, longest first so "text messages" is tried before "text". */
const alt = (...options: string[]) =>
  `(?:${[...new Set(options)].sort((a, b) => b.length - a.length).join('|')})`;
/** Words and phrases written as one `|`-separated list. */
const oneOf = (list: string) => alt(...list.split('|'));
/** An optional fragment followed by a space. */
const opt = (fragment: string) => `(?:${fragment} )?`;

// --- vocabulary ----------------------------------------------------------------------------
const FILLER = oneOf(
  'please|pleease|pls|plz|plss|kindly|just|simply|hi|hey|hello|ok|okay|k|yo|seriously|honestly|again|now|' +
    'sir|maam|madam|guys|folks|team|dear|oh|omg|ugh|um|uh|wow|god|damn|already|also|really|sorry|thanks|' +
    'thank you|thx|listen|look|man|dude|bro|stop|i said|i already said|like i said|as i said|i told you|' +
    'i already told you|for the last time|for real|' +
    'por favor|porfavor|porfa|favor|xfa|ya|hola|oiga|oigan|oye|buenas|buenos dias|buenas tardes|' +
    'buenas noches|okey|vale|solo|solamente|simplemente|disculpe|disculpa|perdon|gracias|senor|senora|' +
    'en serio|de verdad|ahora|pues|bueno|mire|miren|yo|ya les dije|les dije|te dije|le dije|por ultima vez',
);
const F = `(?:${FILLER} )*`;
const YOU = oneOf('you|u|ya|yall|y all|you guys|you all|someone|somebody');
const ME = oneOf(
  'me|us|this number|my number|my phone|my phone number|my cell|my cell phone|my cell number|my mobile|' +
    'my mobile number|this phone|this phone number|my line|this line',
);
const MY_DETAILS = alt(
  ME,
  oneOf(
    'my info|my information|my contact|my contact info|my contact information|my details|my name|my data',
  ),
  'my name and number',
);
const TEXTING = oneOf(
  'texting|txting|texing|textin|messaging|msging|msgin|spamming|bothering|harassing|harrassing|pestering|contacting',
);
const OTHER_CONTACTING = oneOf('calling|emailing|e mailing|mailing|ringing|phoning');
const ADJ = oneOf(
  'future|further|promotional|marketing|automated|auto|spam|daily|weekly|annoying|stupid|damn|bloody|' +
    'freaking|fricking|frigging|fucking|text|sms',
);
const COMMS = oneOf(
  'texts|text messages|text message|text msgs|messages|message|msgs|msg|txts|txt|sms|sms messages|smss|spam|' +
    'notifications|alerts|reminders|promotions|promos|marketing|ads|advertisements|offers|deals|updates|' +
    'newsletters|blasts',
);
const DET = oneOf(
  'the|these|those|this|your|ur|all|all the|all these|all those|all of the|all of these|all of your|all your|' +
    'any|any more|anymore|any further|more|so many|such|with the|with these|with your|with all the|my|our|every',
);
const NOUN_PHRASE = `${opt(DET)}${opt(ADJ)}${COMMS}`;
const LIST = alt(
  `${opt(
    oneOf(
      'text|texting|sms|mailing|contact|call|calling|marketing|distribution|message|messaging|subscriber|' +
        'subscription|phone|promo|promotional|text message|broadcast|sending',
    ),
  )}${oneOf('list|lists')}`,
  oneOf(
    'texts|text messages|messages|msgs|sms|database|data base|system|contacts|records|program|service|' +
      'subscription|subscriptions|alerts|text alerts|sms alerts|notifications|campaign|campaigns|this|it|them|' +
      'everything|all|all of it|group|group text|group chat|chat|thread|conversation',
  ),
);
const fromList = (prepositions: string) => `(?: ${oneOf(prepositions)} ${opt(DET)}${LIST})`;
const TO_ME = `(?: ${opt('to')}${ME})?`;

const COMMS_ES = oneOf(
  'mensajes|mensaje|mensajitos|msjs|msj|mjs|sms|textos|texto|mensajes de texto|notificaciones|alertas|' +
    'promociones|promos|publicidad|anuncios|ofertas|spam|recordatorios',
);
const NOUN_ES = `${opt(oneOf('sus|estos|esos|tus|los|mis|todos los|todos sus|todos estos|tantos|mas'))}${COMMS_ES}`;
const LIST_ES = oneOf(
  'lista|listas|lista de mensajes|lista de envios|lista de contactos|lista de difusion|base de datos|sistema|' +
    'contactos|envios|mensajes|servicio|programa|suscripcion|notificaciones|alertas|promociones|campana|todo',
);
const DET_LIST_ES = oneOf('la|las|su|sus|tu|tus|esta|esa|este|ese|el|los|todas las');
const A_MI_NUMERO = `(?: a ${oneOf('este|mi')} ${oneOf('numero|celular|telefono|cel')})?`;

// --- who may be speaking: the words before a phrase, in its clause --------------------------
const ASK = `${oneOf('can|could|would|will|why wont|why dont|why cant|when will')} ${YOU}(?: ever)?`;
const WANT_YOU = `${alt(
  `${oneOf('id|wed')} ${F}like`,
  `${oneOf('i|we')} ${F}${oneOf(
    'want|wanted|need|needed|would like|d like|asked|told|have asked|have told|ve asked|ve told|' +
      'already asked|already told|begged|am asking|m asking|am telling|m telling|keep asking|keep telling',
  )}`,
)} ${YOU} to`;
const YOU_MUST = `${YOU} ${F}${oneOf('need to|needs to|have to|must|should|gotta|better|had better|ought to|can|could|will')}`;
const ASK_ES = alt(
  `${oneOf('les|te|le|se los|se lo|se las')} ${oneOf('pido|ruego|suplico|pedi|dije|digo|exijo')}(?: que)?`,
  `${oneOf('quiero|necesito|exijo|pido|solicito|quisiera')} que`,
  `${opt(oneOf('me|nos'))}${oneOf('pueden|puede|puedes|podrian|podria|podrias|podran')}`,
);
/** Addressed to us: "can you", "I want you to", "you need to", "les pido que", "pueden". */
const REQUEST = `${F}${opt(ASK)}${F}${opt(WANT_YOU)}${F}${opt(YOU_MUST)}${F}${opt(ASK_ES)}${F}${opt(oneOf('me|nos'))}`;

const WISH = alt(
  `${oneOf('i|we')} ${F}${oneOf(
    'want|wanna|need|would like|d like|wish|would love|am trying|m trying|have been trying|ve been trying|' +
      'was trying|been trying|tried|am requesting|m requesting|request|would prefer|prefer|am asking|m asking|' +
      'ask|have|am going|m going',
  )} to`,
  `${oneOf('id|wed')} ${F}${oneOf('like|love|prefer')} to`,
  `${oneOf('how|where')} ${oneOf('do|can|would|should|could|does one')} ${oneOf('i|we|one')}`,
  `${oneOf('can|may|could')} ${oneOf('i|we')}`,
  oneOf('let me|lemme|i|we|me|nos'),
  `${opt('yo')}${opt(oneOf('me|nos'))}${oneOf(
    'quiero|quisiera|queria|deseo|deseamos|queremos|necesito|necesitamos|me gustaria|nos gustaria|solicito|' +
      'pido|puedo|podemos|voy a|vamos a',
  )}`,
  `${oneOf('como|donde')}(?: ${oneOf('me|nos')})?(?: ${oneOf('puedo|podemos|hago para|le hago para|se hace para')})?`,
);
/** The contact's own wish: "I want to", "I'd like to", "how do I", "quiero", "cómo me". */
const SELF = `${F}(?:${WISH} ${F})?`;

// --- what may follow a phrase ----------------------------------------------------------------
const AFTER_STRICT = oneOf(
  'anymore|any more|again|ever again|no more|ever|please|pls|plz|thanks|thank you|thx|ty|at all|period|' +
    'going forward|from now on|ok|okay|seriously|' +
    'por favor|porfa|porfavor|favor|ya|mas|nunca mas|jamas|nunca|gracias|muchas gracias|de nuevo|otra vez|' +
    'en serio|para siempre|nada|nada mas',
);
const AFTER_BROAD = alt(
  AFTER_STRICT,
  oneOf(
    'now|right now|immediately|asap|forever|for good|permanently|completely|man|already|dude|guys|sir|maam|' +
      'altogether|totally|entirely|inmediatamente|ahora|ahora mismo',
  ),
  `${oneOf('on|at|to|from')} ${oneOf('this|my|that')} ${oneOf('number|phone|cell|cell phone|mobile|line')}`,
  `from ${oneOf('you|you guys|your company|ur company|this company|your business')}`,
  `${oneOf('a|de')} ${oneOf('este|mi')} ${oneOf('numero|celular|telefono|cel')}`,
  `de ${oneOf('ustedes|usted|ti|su empresa|esta empresa')}`,
);
/** Another request may follow ("don't text me or call me"); a reason may be temporary ("… I'm driving"). */
const NEXT_CLAUSE = oneOf('and|or|nor|but|y|o|ni|pero');
/** After a firm request a statement may follow ("stop texting me I'm not interested"). */
const NEXT_STATEMENT = alt(
  NEXT_CLAUSE,
  oneOf(
    'because|cause|cuz|bc|since|porque|ya que|im|ive|ill|its|it is|youre|you are|dont|do not|not|this is',
  ),
  oneOf('estoy|no|me|les|son|es'),
  `i ${oneOf('said|mean it|will|dont|do not|never|have|already|am|told|asked|swear|hate')}`,
);

const BEFORE = {
  request: new RegExp(`^${REQUEST}$`),
  self: new RegExp(`^${SELF}$`),
  either: new RegExp(`^(?:${REQUEST}|${SELF})$`),
  courtesy: new RegExp(`^${F}$`),
};
const AFTER = {
  strict: new RegExp(`^(?: ${AFTER_STRICT})*(?: ${NEXT_CLAUSE} .*)?$`),
  broad: new RegExp(`^(?: ${AFTER_BROAD})*(?: ${NEXT_STATEMENT} .*)?$`),
};
/** Conjunctions start a new clause: only the words after the last one can qualify a phrase. */
const LAST_CONJUNCTION = new RegExp(
  `^.*(?:^| )${alt(NEXT_CLAUSE, oneOf('so|then|also|plus|asi que|entonces|ademas'))} `,
);

interface PhraseRule {
  name: string;
  core: RegExp;
  /** Who may be speaking: a request to us, the contact's own wish, either, or only courtesy. */
  before: keyof typeof BEFORE;
  after: keyof typeof AFTER;
  /** Whether it still opts out as a question ("can you remove me?" does; "no more deals?" does not). */
  asked: boolean;
}

function rule(
  name: string,
  core: string,
  before: PhraseRule['before'],
  after: PhraseRule['after'],
  asked = true,
) {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${core}(?![\\p{L}\\p{N}])`, 'gu');
  return { name, core: pattern, before, after, asked } satisfies PhraseRule;
}

const STOP = oneOf('stop|quit|cease');
const SENDABLE = alt(
  NOUN_PHRASE,
  `${opt(DET)}${oneOf('stuff|things|crap|junk|garbage|shit')}`,
  oneOf('this|these|that|those|them'),
);
const ENGLISH: PhraseRule[] = [
  rule(
    'stop texting me',
    `${STOP} ${opt(`${OTHER_CONTACTING} ${oneOf('and|or|n')}`)}${TEXTING}(?: ${ME})?`,
    'request',
    'broad',
  ),
  rule(
    'stop sending me messages',
    alt(
      `${STOP} sending ${opt(oneOf('me|us'))}${SENDABLE}${TO_ME}`,
      `${STOP} sending to ${ME}`,
      `${STOP} sending(?: ${oneOf('me|us')})?`,
    ),
    'request',
    'broad',
  ),
  rule('stop the texts', `${oneOf('stop|cease|halt')} ${NOUN_PHRASE}${TO_ME}`, 'either', 'broad'),
  rule('no more texts', `no more ${opt(ADJ)}${COMMS}${TO_ME}`, 'either', 'broad', false),
  rule(
    "don't text me",
    `${oneOf('dont|do not|not|never')}(?: ever)? ${alt(
      `${oneOf('text|txt|message|msg|sms|contact|spam|bother|harass|pester')} ${ME}`,
      `send ${oneOf('me|us')} ${opt(oneOf('any more|anymore|more|any|another'))}${opt(DET)}${opt(ADJ)}${COMMS}`,
      `send ${opt(oneOf('any more|anymore|more|any|another'))}${opt(ADJ)}${COMMS} to ${ME}`,
    )}`,
    'request',
    'strict',
  ),
  rule(
    'remove me from the list',
    `${oneOf('remove|delete|erase|drop|take out')} ${MY_DETAILS}${fromList('from|off|off of|of|out of')}?`,
    'either',
    'broad',
  ),
  rule(
    'take me off your list',
    alt(
      `take ${oneOf('me|us|my number|this number|my phone number|my name|my name and number')} off(?: ${opt(oneOf('from|of'))}${opt(DET)}${LIST})?`,
      `${oneOf('take|get')} ${oneOf('me|us|my number|this number|my phone number|my name')} ${oneOf('off|off of|out of')} ${opt(DET)}${LIST}`,
    ),
    'either',
    'broad',
  ),
  rule(
    'unsubscribe me',
    `${alt(
      `${oneOf('unsubscribe|unsub|unsuscribe|unsubcribe|unenroll|unenrol|unregister|opt out|optout')}(?: ${oneOf('me|us|my number|this number|my phone|my phone number')})?`,
      `opt ${oneOf('me|us|my number|this number')} out`,
      `${oneOf('im|i am|we are|were')} ${oneOf('opting out|unsubscribing')}`,
    )}${fromList('from|of')}?`,
    'either',
    'broad',
  ),
  rule(
    'be removed',
    `${oneOf('be|get|getting|being')} ${oneOf('removed|taken off|unsubscribed|opted out|deleted|dropped|unenrolled')}${fromList('from|of|off')}?`,
    'self',
    'broad',
  ),
  rule('leave me alone', `leave ${oneOf('me|us')} alone`, 'request', 'strict'),
  rule(
    "I don't want these texts",
    alt(
      `${oneOf('i|we')} ${oneOf('dont|do not|no longer|really dont|never')} ${oneOf('want|wish|need')} to ${oneOf('receive|get')} ${NOUN_PHRASE}`,
      `${oneOf('i|we')} ${oneOf('dont|do not|no longer')} ${oneOf('want|need')} ${NOUN_PHRASE}`,
      `${oneOf('i|we')} ${oneOf('dont|do not|no longer')} want ${YOU} to ${oneOf('text|txt|message|msg|contact')} ${ME}`,
      `${oneOf('i|we')} ${oneOf('never|didnt|did not')} ${oneOf('sign|signed|subscribe|subscribed|opt|opted|ask|asked')} ${opt(oneOf('up|in'))}${oneOf('for|to')} ${alt(oneOf('this|these|that|those|any of this'), NOUN_PHRASE)}`,
    ),
    'courtesy',
    'broad',
    false,
  ),
  rule(
    'cancel the texts',
    `${oneOf('cancel|end|terminate|discontinue|deactivate')} ${opt(DET)}${alt(
      `${oneOf('text|sms|texting|message|messaging')} ${oneOf('subscription|subscriptions|alerts|notifications|service|program|list')}`,
      `${oneOf('subscription|membership')} to ${NOUN_PHRASE}`,
      `${opt(ADJ)}${COMMS}`,
    )}${TO_ME}`,
    'either',
    'broad',
  ),
];

const SPANISH: PhraseRule[] = [
  rule(
    'no más mensajes',
    `${oneOf('no|nada')} mas ${opt('de')}${NOUN_ES}${A_MI_NUMERO}`,
    'either',
    'broad',
    false,
  ),
  rule(
    'no me escriban',
    `no ${oneOf('me|nos')} ${opt(oneOf('vuelvan a|vuelvas a|vuelva a'))}${oneOf(
      'escriban|escribas|escriba|manden|mandes|mande|envien|envies|envie|contacten|contactes|contacte|molesten|' +
        'molestes|moleste|textees|textee|texteen|mensajeen|escribir|mandar|enviar|contactar|molestar',
    )}(?: ${oneOf('mas|nunca mas|jamas')})?(?: ${opt('mas')}${NOUN_ES})?${A_MI_NUMERO}`,
    'request',
    'strict',
  ),
  rule(
    'no quiero recibir mensajes',
    alt(
      `no ${oneOf('quiero|queremos|deseo|deseamos|necesito')} ${opt(oneOf('recibir|seguir recibiendo'))}${opt('mas')}${NOUN_ES}`,
      `no ${oneOf('quiero|queremos|deseo')} que ${oneOf('me|nos')} ${oneOf('escriban|contacten|manden|envien|molesten|sigan escribiendo|sigan mandando|sigan enviando')}(?: ${opt('mas')}${NOUN_ES})?`,
    ),
    'courtesy',
    'broad',
    false,
  ),
  rule(
    'dejen de enviarme mensajes',
    `${oneOf('dejen|deja|deje|dejar|paren|para|pare|parar')} de ${oneOf(
      'enviarme|mandarme|escribirme|contactarme|molestarme|textearme|mensajearme|spamearme|enviarnos|mandarnos|' +
        'escribirnos|contactarnos|molestarnos|enviar|mandar|escribir|textear|contactar|molestar',
    )}(?: ${opt('mas')}${NOUN_ES})?${A_MI_NUMERO}`,
    'request',
    'broad',
  ),
  rule(
    'darme de baja',
    alt(
      `${oneOf('darme|dame|denme|deme|darnos|dennos|doy|damos|dar|den|da')} de baja(?: ${opt('a')}${oneOf('mi numero|este numero|mi telefono|mi celular')})?(?: ${oneOf('de|del')} ${opt(DET_LIST_ES)}${LIST_ES})?`,
      `${oneOf('quiero|quisiera|solicito|pido|deseo|necesito')} ${oneOf('la|mi')} baja`,
    ),
    'either',
    'broad',
  ),
  rule(
    'sáquenme de la lista',
    alt(
      `${oneOf(
        'sacame|sacanme|saquenme|saqueme|quitame|quitenme|quiteme|borrame|borrenme|borreme|eliminame|eliminenme|' +
          'elimineme|sacarme|quitarme|borrarme|eliminarme|sacar|quitar|borrar|eliminar|saquen|quiten|borren|' +
          'eliminen|saca|quita|borra|elimina|saque|quite|borre|elimine',
      )} ${opt(`${opt('a')}${oneOf('mi numero|este numero|mi telefono|mi celular|mis datos|mi contacto')}`)}de ${opt(DET_LIST_ES)}${LIST_ES}`,
      `${oneOf('borren|eliminen|quiten|borra|elimina|quita|borre|elimine|borrar|eliminar|quitar')} ${oneOf('mi|este')} ${oneOf('numero|telefono|celular|contacto')}`,
    ),
    'either',
    'broad',
  ),
  rule('basta de mensajes', `basta ${opt('ya')}${opt('de')}${NOUN_ES}`, 'either', 'broad', false),
  rule('déjenme en paz', `${oneOf('dejenme|dejame|dejeme|dejennos')} en paz`, 'request', 'strict'),
  rule(
    'desuscribirme',
    alt(
      oneOf(
        'desuscribirme|desuscribeme|desuscribanme|desuscribame|desuscribir|desuscribirse|desinscribirme|' +
          'desinscribanme|desinscribir|desuscribirnos',
      ),
      `${oneOf('cancelar|cancelen|cancela|cancele')} ${alt(`${oneOf('mi|la')} suscripcion a ${NOUN_ES}`, NOUN_ES)}`,
    ),
    'either',
    'broad',
  ),
];

/** A message of only stop words and courtesy: "please stop", "STOP STOP", "stop it", "baja por favor". */
const STOP_WORD = oneOf('stop|stopall|unsubscribe|unsub|optout|opt out|revoke|remove|baja|parar|alto|basta');
/** Courtesy, emphasis, and the reasons people give beside a stop word ("Stop. Not interested."). */
const BESIDE_STOP_WORD = alt(
  FILLER,
  oneOf(
    'it|no|right now|asap|immediately|i mean it|not interested|im not interested|i am not interested|no thanks|' +
      'no thank you|wrong number|this is spam|spam|who is this|no me interesa|no estoy interesado|' +
      'no estoy interesada|numero equivocado',
  ),
);
const ONLY_STOP_WORDS = new RegExp(`^(?:${alt(STOP_WORD, BESIDE_STOP_WORD)} )*$`);
const HAS_STOP_WORD = new RegExp(`(?:^| )${STOP_WORD} `);

export interface Segment {
  text: string;
  question: boolean;
}

/**
 * Clauses of a message: lower case, accents and apostrophes dropped ("don't" -> "dont", "más" ->
 * "mas"), hyphens and emoji as spaces, any other punctuation or a line break ends a clause.
 * A clause followed by a question mark is marked as a question.
 */
export function phraseSegments(body: string): Segment[] {
  const text = body
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[-_]/g, ' ')
    .replace(/[\p{Extended_Pictographic}\p{S}]/gu, ' ');
  const segments: Segment[] = [];
  for (const match of text.matchAll(/([\p{L}\p{N} \t]*)([^\p{L}\p{N} \t]*)/gu)) {
    const words = (match[1] ?? '').replace(/\s+/g, ' ').trim();
    if (words) segments.push({ text: words, question: (match[2] ?? '').includes('?') });
  }
  return segments;
}

/**
 * Bounds on the words around a phrase. A request is short; the bounds also keep the matching
 * linear on long messages, since filler lists can split the same words several ways and a
 * failing regex would otherwise try every split (a contact's text is untrusted input).
 */
const MAX_WORDS_BEFORE = 10;
const MAX_WORDS_AFTER = 12;
const MAX_WORDS_STOP_ONLY = 24;
const wordCount = (text: string) => (text.match(/ /g)?.length ?? 0) + (text.trim() ? 1 : 0);

/** The words after a phrase, cut to the bound; what was cut stays as one word only `.*` can take. */
function boundedAfter(after: string): string {
  const words = after.split(' ');
  return words.length <= MAX_WORDS_AFTER + 1
    ? after
    : `${words.slice(0, MAX_WORDS_AFTER + 1).join(' ')} \u0000`;
}

function phraseMatches(segment: Segment, phrase: PhraseRule): boolean {
  if (segment.question && !phrase.asked) return false;
  for (const match of segment.text.matchAll(phrase.core)) {
    const before = segment.text.slice(0, match.index).replace(LAST_CONJUNCTION, '');
    if (wordCount(before) > MAX_WORDS_BEFORE || !BEFORE[phrase.before].test(before)) continue;
    if (AFTER[phrase.after].test(boundedAfter(segment.text.slice(match.index + match[0].length))))
      return true;
  }
  return false;
}

const RULES = [...ENGLISH, ...SPANISH];

/** The name of the phrase a plain-language opt-out matched, or undefined when the message is not one. */
export function plainLanguageOptOut(body: string): string | undefined {
  const segments = phraseSegments(body);
  // "STOP STOP STOP" is one stop word said loudly, however many times.
  const words = segments.flatMap((s) => s.text.split(' ')).filter((word, i, all) => word !== all[i - 1]);
  const whole = `${words.join(' ')} `;
  const stopOnly = wordCount(whole) <= MAX_WORDS_STOP_ONLY && ONLY_STOP_WORDS.test(whole);
  if (stopOnly && HAS_STOP_WORD.test(` ${whole}`)) return 'stop word';
  for (const segment of segments) {
    const found = RULES.find((phrase) => phraseMatches(segment, phrase));
    if (found) return found.name;
  }
  return undefined;
}
