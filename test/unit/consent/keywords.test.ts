import { describe, expect, it } from 'vitest';
import { type ConsentClassification, classifyConsentMessage } from '../../../shared/consent/keywords.js';

/** The demo program's Spanish keywords (config/example.json). */
const spanish = { keywords: { optOut: ['BAJA', 'PARAR'], optIn: ['ALTA'], help: ['AYUDA'] } };

const keyword = (action: 'opt_out' | 'opt_in', word: string): ConsentClassification => ({
  action,
  method: 'keyword',
  keyword: word,
});
const plain: ConsentClassification = { action: 'opt_out', method: 'plain_language' };
const none: ConsentClassification = { action: 'none' };
const help = (word: string): ConsentClassification => ({ action: 'help', keyword: word });

describe('Function: classifyConsentMessage', () => {
  describe('keywords: the whole message, tolerant of case, spacing, punctuation, emoji and accents', () => {
    it.each<[string, ConsentClassification]>([
      ['STOP', keyword('opt_out', 'STOP')],
      ['Stop.', keyword('opt_out', 'STOP')],
      [' stop ', keyword('opt_out', 'STOP')],
      ['STOP!!', keyword('opt_out', 'STOP')],
      ['stop 🙏', keyword('opt_out', 'STOP')],
      ['\tsToP\n', keyword('opt_out', 'STOP')],
      ['"Stop"', keyword('opt_out', 'STOP')],
      ['ＳＴＯＰ', keyword('opt_out', 'STOP')], // full-width, as some keyboards send it
      ['🛑 STOP 🛑', keyword('opt_out', 'STOP')],
      ['stopall', keyword('opt_out', 'STOPALL')],
      ['Stop all', keyword('opt_out', 'STOPALL')],
      ['Unsubscribe', keyword('opt_out', 'UNSUBSCRIBE')],
      ['cancel', keyword('opt_out', 'CANCEL')],
      ['End.', keyword('opt_out', 'END')],
      ['quit!', keyword('opt_out', 'QUIT')],
      ['Revoke', keyword('opt_out', 'REVOKE')],
      ['optout', keyword('opt_out', 'OPTOUT')],
      ['OPT-OUT', keyword('opt_out', 'OPT-OUT')],
      ['opt out', keyword('opt_out', 'OPTOUT')],
      ['Remove', keyword('opt_out', 'REMOVE')],
      ['Arrêt', keyword('opt_out', 'ARRET')],
      ['ARRET', keyword('opt_out', 'ARRET')],
      ['td', keyword('opt_out', 'TD')],
      ['START', keyword('opt_in', 'START')],
      ['start.', keyword('opt_in', 'START')],
      ['Yes', keyword('opt_in', 'YES')],
      ['YES!', keyword('opt_in', 'YES')],
      ['unstop', keyword('opt_in', 'UNSTOP')],
      ['HELP', help('HELP')],
      ['help?', help('HELP')],
      ['Info', help('INFO')],
      ['', none],
      ['🙏', none],
      ['stopp', none],
      ['stop2', none],
      ['yes please', none], // consent is given by the keyword alone, never inferred from chat
      ['help me', none],
      ['more info', none],
    ])('%j -> %j', (body, expected) => {
      expect(classifyConsentMessage(body)).toEqual(expected);
    });
  });

  describe("keywords: the program's own, per language", () => {
    it.each<[string, ConsentClassification]>([
      ['BAJA', keyword('opt_out', 'BAJA')],
      ['Bája', keyword('opt_out', 'BAJA')],
      ['parar.', keyword('opt_out', 'PARAR')],
      ['Alta', keyword('opt_in', 'ALTA')],
      ['AYUDA', help('AYUDA')],
      ['ayuda!', help('AYUDA')],
      ['STOP', keyword('opt_out', 'STOP')],
    ])('%j -> %j', (body, expected) => {
      expect(classifyConsentMessage(body, spanish)).toEqual(expected);
    });

    it('does not know a program keyword without the program', () => {
      expect(classifyConsentMessage('ALTA')).toEqual(none);
      expect(classifyConsentMessage('AYUDA')).toEqual(none);
    });

    it('lets an opt-out keyword win when a program lists it as another action too', () => {
      const confused = { keywords: { optOut: [], optIn: ['STOP'], help: ['END'] } };
      expect(classifyConsentMessage('stop', confused)).toEqual(keyword('opt_out', 'STOP'));
      expect(classifyConsentMessage('end', confused)).toEqual(keyword('opt_out', 'END'));
    });
  });

  describe('plain language in English that opts out', () => {
    it.each([
      'please stop texting me',
      'Please stop texting me.',
      'STOP TEXTING ME!!!',
      'stop txting me pls',
      'Stop messaging me',
      'quit texting me',
      'stop sending me messages',
      'Stop sending me these messages!!',
      'Can you stop sending texts to this number?',
      'remove me from this list',
      'Remove me from your list please',
      'please remove me 🙏',
      'Remove my number please',
      'Could you remove my number from your list?',
      'take me off your list',
      'Please take me off this list.',
      'Take me off your mailing list',
      'unsubscribe me',
      'Unsubscribe me from these texts',
      'Please opt me out',
      "don't text me anymore",
      'Don’t text me anymore',
      'Do not text me again',
      'never text me again',
      'dont text me, call me instead', // an SMS opt-out is exactly what it asks for
      'please stop',
      'Please, stop.',
      'STOP STOP STOP',
      'stop please',
      'stop it',
      'I said STOP',
      'unsubscribe please',
      'remove please',
      'Stop. Not interested.',
      'Can you please stop texting me?',
      'I want you to stop texting me',
      "Why won't you leave me alone",
      'Leave me alone',
      'I want to unsubscribe',
      "I'd like to opt out",
      'How do I unsubscribe?',
      'I would like to be removed from your list',
      'No more texts please',
      'No more messages to this number',
      'Stop the texts',
      'Stop these messages now',
      'cancel these texts',
      "I'm not interested, stop texting me",
      "I'm not interested so please stop texting me",
      'Stop texting me or I will report you',
      'stop calling and texting me',
      'Stop texting this number',
      'stop texting me on this number',
      'You can stop texting me now, I already bought one',
      "I don't want these texts",
      'I no longer want to receive these messages',
      "I don't want you to text me anymore",
      'I never signed up for this',
      'Delete my number',
      'Hi, this is Sam. Please remove me from your texting list. Thanks',
    ])('%j', (body) => {
      expect(classifyConsentMessage(body)).toEqual(plain);
    });
  });

  describe('plain language in Spanish that opts out', () => {
    it.each([
      'no más mensajes',
      'No mas mensajes por favor',
      'Ya no más mensajes!',
      'no me escriban más',
      'No me manden más mensajes',
      'No me vuelvan a escribir',
      'Les pido que no me escriban más',
      'dejen de enviarme mensajes',
      'Por favor dejen de escribirme',
      '¿Pueden dejar de mandarme mensajes?',
      'darme de baja',
      'Quiero darme de baja',
      '¿Cómo me doy de baja?',
      'Me pueden dar de baja por favor',
      'baja por favor',
      'Alto por favor',
      'Sáquenme de su lista',
      'Quítenme de la lista de mensajes',
      'Borren mi número',
      'Ya no quiero recibir mensajes',
      'No quiero más mensajes',
      'Basta de mensajes',
      'Déjenme en paz',
      'Quiero desuscribirme',
      'Gracias pero no más mensajes', // "pero" starts the clause that counts
    ])('%j', (body) => {
      expect(classifyConsentMessage(body)).toEqual(plain);
    });
  });

  describe('messages that merely contain the words, in English', () => {
    it.each([
      "please don't stop",
      'Please dont stop!',
      'stop by tomorrow',
      "can't stop smiling",
      "I'll stop by the store",
      'Yes I can stop by at 3',
      'Can we stop at the pharmacy on the way?',
      'Where do I stop to pick it up?',
      'end of the month works',
      'When does the sale end?',
      'cancel my 3pm meeting and move it',
      'Please cancel my order',
      'cancel please', // as a reply to a reminder it cancels the appointment, not the texts
      'I want to cancel my appointment',
      'Why did you stop texting me?',
      "Don't stop texting me",
      "I'll stop texting you",
      'I need to stop texting my ex',
      'Tell her to stop texting me',
      "My kids won't stop texting me",
      'Stop texting my wife',
      "You don't text me anymore 😢",
      "If you don't text me back I'll be sad",
      'I stopped texting him',
      'The texts stopped coming, can you resend?',
      "I don't want these texts to stop",
      'stop texting me so late', // a complaint about timing, left to a person
      "Don't text me before 9am",
      'Stop the reminders for now',
      'stop texting me about the sale', // narrowed to a topic, left to a person
      "please don't remove me from the list",
      'Did you remove me from the list?',
      'remove me from the 3pm meeting',
      'take me off the schedule for Friday',
      'Can you take me off the waitlist?',
      "I don't want to unsubscribe",
      'Unsubscribe from what?',
      'unsubscribe me from emails', // another channel
      'Can I opt out of the warranty?',
      'no more questions, thanks',
      'No more deals?',
      'stop sending me the wrong invoice',
      'Please stop sending reminders to my old email',
      'Could you stop sending the package to my old address',
      'stop lol',
      'Stop! You’re making me laugh',
      "Don't stop the music",
      'stop the car',
      'send me the info please',
      'get me out of here',
      'drop me off at 5',
      'take me out to dinner',
      'not interested',
      'wrong number',
    ])('%j', (body) => {
      expect(classifyConsentMessage(body)).toEqual(none);
    });
  });

  describe('messages that merely contain the words, in Spanish', () => {
    it.each([
      'no más preguntas',
      '¿No más mensajes?',
      'No me escribas antes de las 9',
      'No me mandes la factura',
      'No dejen de enviarme ofertas',
      'No quiero darme de baja',
      '¿Por qué no me escribiste?',
      'Dile que no me escriba',
      'Quiero dar de baja mi tarjeta',
      'Quita de la lista el pan',
      'No quiero mensajes en inglés',
      'Dejé de recibir sus mensajes',
      'Me di de baja del gimnasio',
      'baja el volumen',
      'deja de molestar al perro',
      '¿Me pueden mandar más información?',
    ])('%j', (body) => {
      expect(classifyConsentMessage(body)).toEqual(none);
    });
  });
});

describe('Function: classifyConsentMessage on hostile input', () => {
  // Filler lists can split the same words several ways; without bounds a failing match would
  // try every split and a crafted text could stall the events processor.
  it.each([
    ['fillers before a near miss', `${'please '.repeat(1400)}stop texting him`],
    ['fillers after a phrase', `don't text me ${'ever again '.repeat(800)}x`],
    ['stop words and a joke', `${'stop no thanks '.repeat(600)}lol`],
    ['requests that never end', `${'can you '.repeat(1200)}stop texting my wife`],
  ])('answers quickly for %s', (_, body) => {
    const started = performance.now();
    expect(classifyConsentMessage(body.slice(0, 10_000)).action).toBe('none');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('still hears STOP said many times', () => {
    expect(classifyConsentMessage('stop '.repeat(200))).toEqual({
      action: 'opt_out',
      method: 'plain_language',
    });
  });
});
