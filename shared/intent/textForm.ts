/**
 * The form intent rules are matched against: lower case, accents and apostrophes dropped
 * ("¿Cuánto?" -> "? cuanto ?", "don't" -> "dont"), each emoji a token of its own with skin tones
 * and variation selectors removed ("👍🏽" -> "👍", "❤️" -> "❤"), `$` and `#` kept as tokens
 * ("$$?", "wrong #"), clause punctuation kept as a "." token and question marks as a "?" token so
 * a phrase never spans two sentences, and everything else a space.
 */

/** Rules see at most this much of a message: ten concatenated SMS segments of 160 characters. */
export const MAX_RULE_CHARS = 1600;

/** A clause boundary token (. , ; : ! and line breaks all become this). */
export const CLAUSE = '.';
/** A question mark token (¿ and ? both become this). */
export const QUESTION = '?';

const EMOJI = /\p{Extended_Pictographic}/u;
const TOKEN = /\p{Extended_Pictographic}|[\p{L}\p{N}]+|[$€£#]|[?¿]+|[.,;:!¡\n\r…]+/gu;
/** Skin tones, variation selectors, zero-width joiners and keycap marks change no meaning. */
const MEANINGLESS = /[\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u20E3]|\u200D/gu;
const APOSTROPHES = /['’‘`´ʼ]/g;

/**
 * An iOS tapback quotes our own message back ("Liked “Your order has shipped!”"); only the
 * reaction is the contact's. Android sends "Reacted 👍 to “…”".
 */
const TAPBACK =
  /^\s*(liked|loved|disliked|laughed at|emphasi[sz]ed|questioned|reacted \S+ to)\s+[“"«].*[”"»]\s*$/isu;

/** Lower case, no accents, no apostrophes: the form every rule term is compared in. */
export function foldCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(MEANINGLESS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(/&/g, ' and ')
    .replace(/(\d)[:.](\d)/g, '$1 $2'); // "4:30" and "7.5" are numbers, not two clauses
}

/** The tokens of a text in rule form; clause and question marks never repeat or lead. */
export function tokenize(text: string): string[] {
  const tapback = TAPBACK.exec(text);
  const folded = foldCase(tapback ? (tapback[1] ?? '').replace(/ to$/i, '') : text);
  const tokens: string[] = [];
  for (const [raw] of folded.matchAll(TOKEN)) {
    const token = raw.startsWith('?') || raw.startsWith('¿') ? QUESTION : raw;
    if (/^[.,;:!¡\n\r…]+$/.test(token)) {
      if (tokens.length > 0 && tokens.at(-1) !== CLAUSE && tokens.at(-1) !== QUESTION) tokens.push(CLAUSE);
    } else if (token === QUESTION) {
      if (tokens.at(-1) === CLAUSE) tokens.pop();
      if (tokens.length > 0 && tokens.at(-1) !== QUESTION) tokens.push(QUESTION);
      else if (tokens.length === 0) tokens.push(QUESTION);
    } else if (/^[\p{L}\p{N}$€£#]+$/u.test(token) || EMOJI.test(token)) {
      tokens.push(token);
    }
  }
  if (tokens.at(-1) === CLAUSE) tokens.pop();
  return tokens;
}

export const isWord = (token: string) => /^[a-z]+$/.test(token);

// Words that mark a language; words both languages use ("no", "me", "a", "ok", "demo") count for neither.
const SPANISH = new Set(
  (
    'que q de del el la los las un una unos unas y en es esta estan estoy esto eso ese esa este por para con mi mis ' +
    'te se lo le les su sus si ya muy mas hay tienen tiene tengo quiero queria puedo puede pueden podemos podria ' +
    'gracias hola buenas buenos tardes dias manana hoy cuanto cuanta cuantos cuando donde como quien cual porfa ' +
    'favor nada pero tambien ahora ahorita aqui son soy numero precio precios ayuda baja alto parar jaja jajaja ' +
    'jajajaja nel sale va vale claro bien mal pedido envio envios talla tallas al rato ver vi voy luego despues ' +
    'paso genial excelente servicio super perfecto acuerdo llamame llegado llego sigo esperando equivocado ' +
    'nadie ninguna ninguno conozco vive dejen manden mensajes recibir quisiera gustaria tienda cita reunion ' +
    'caro cara barato presupuesto agotado disponible cuesta cuestan cobran dos tres mandame pago compro ' +
    'llevo quieren deja dejame esposo esposa trabajo manejando pensar reviso semana fin otra otro nos vemos ' +
    'hablar llamar marcar marcame encanta interesa gusta cuentame pesimo malisima harta harto molesta molesto'
  ).split(' '),
);
const ENGLISH = new Set(
  (
    'the an and i im ive ill id you your youre u ur it its is are was were to of for on in my we can do does did ' +
    'this that these those what whats how when where who why please pls plz thanks thank thx yes yeah yep not dont ' +
    'will would just have has get got call order price much too so be at with from if but or lol any some about ' +
    'there here they them he she his her our us want need like know think good great sure okay sounds let lets ' +
    'tomorrow today tonight now later week anymore number wrong stop text texting message messages help info ' +
    'how much cost shipping size available stock buy take money sign interested hours open'
  ).split(' '),
);
const SPANISH_MARKS = /[áéíóúñü¿¡]/i;

/** English or Spanish by marker words and Spanish letters; English when neither shows (the program default). */
export function detectLanguage(original: string, tokens: readonly string[]): 'en' | 'es' {
  let spanish = SPANISH_MARKS.test(original) ? 2 : 0;
  let english = 0;
  for (const token of tokens) {
    if (SPANISH.has(token)) spanish += 1;
    else if (ENGLISH.has(token)) english += 1;
  }
  return spanish > english ? 'es' : 'en';
}
