import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments, isGsm7 } from '../../../shared/messaging/segments.js';

const gsm = (n: number) => 'a'.repeat(n);
const ucs = (n: number) => 'á'.repeat(n);

describe('Function: countSegments', () => {
  describe('GSM-7', () => {
    it.each([
      ['an empty body (one message with no text)', '', 1, 0],
      ['1 character', gsm(1), 1, 1],
      ['154 characters, still a single SMS (153 applies only once concatenated)', gsm(154), 1, 154],
      ['160 characters, the single-SMS limit', gsm(160), 1, 160],
      ['161 characters', gsm(161), 2, 161],
      ['2 x 153 characters', gsm(306), 2, 306],
      ['2 x 153 + 1 characters', gsm(307), 3, 307],
      ['3 x 153 characters', gsm(459), 3, 459],
    ])('counts %s', (_label, body, segments, units) => {
      expect(countSegments(body)).toEqual({ encoding: 'GSM-7', segments, units });
    });

    it.each([...'^{}\\[~]|€\f'])('counts extension character %j as two septets', (char) => {
      expect(countSegments(char)).toEqual({ encoding: 'GSM-7', segments: 1, units: 2 });
    });

    it('fits 158 characters and a euro sign in one SMS, but not 159', () => {
      expect(countSegments(`${gsm(158)}€`)).toMatchObject({ segments: 1, units: 160 });
      expect(countSegments(`${gsm(159)}€`)).toMatchObject({ segments: 2, units: 161 });
    });

    it('does not split an escape pair across segments', () => {
      // 306 septets would fit 2 x 153, but the euro sign cannot straddle septets 153 and 154.
      const body = `${gsm(152)}€${gsm(152)}`;
      expect(countSegments(body)).toEqual({ encoding: 'GSM-7', segments: 3, units: 306 });
      expect(countSegments(`${gsm(151)}€${gsm(153)}`)).toMatchObject({ segments: 2, units: 306 });
    });

    it('keeps the whole default alphabet in GSM-7, including its Latin and Greek letters', () => {
      const basic =
        '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
        '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
      expect([...basic]).toHaveLength(127);
      expect(countSegments(basic)).toEqual({ encoding: 'GSM-7', segments: 1, units: 127 });
    });

    it('keeps Spanish text in GSM-7 when every accent is in the table', () => {
      expect(countSegments('¿Qué tal, Señor Müller? Te esperamos mañana.')).toMatchObject({
        encoding: 'GSM-7',
      });
    });
  });

  describe('UCS-2', () => {
    it.each([
      ['70 code units, the single-SMS limit', ucs(70), 1, 70],
      ['71 code units', ucs(71), 2, 71],
      ['2 x 67 code units', ucs(134), 2, 134],
      ['2 x 67 + 1 code units', ucs(135), 3, 135],
    ])('counts %s', (_label, body, segments, units) => {
      expect(countSegments(body)).toEqual({ encoding: 'UCS-2', segments, units });
    });

    it.each([
      ['á (Spanish acute a)', 'Está confirmada'],
      ['ó', 'Dónde'],
      ['í', 'Aquí'],
      ['ú', 'Perú'],
      ['lower-case ç (only Ç is in the table)', 'Français'],
      ['a curly apostrophe', 'It’s time'],
      ['a backtick', 'run `this`'],
      ['a tab', 'a\tb'],
      ['a literal ESC', 'a\u001bb'],
      ['an emoji', 'See you 😀'],
    ])('switches the whole body to UCS-2 for %s', (_label, body) => {
      expect(isGsm7(body)).toBe(false);
      expect(countSegments(body).encoding).toBe('UCS-2');
    });

    it('counts UTF-16 code units, so an emoji is two', () => {
      expect(countSegments('á😀')).toEqual({ encoding: 'UCS-2', segments: 1, units: 3 });
    });

    it('fits 68 characters and an emoji in one SMS, but not 69', () => {
      expect(countSegments(`${gsm(68)}😀`)).toMatchObject({ segments: 1, units: 70 });
      expect(countSegments(`${gsm(69)}😀`)).toMatchObject({ segments: 2, units: 71 });
    });

    it('does not split a surrogate pair across segments', () => {
      expect(countSegments(`${gsm(66)}😀${gsm(66)}`)).toEqual({ encoding: 'UCS-2', segments: 3, units: 134 });
      expect(countSegments(`${gsm(65)}😀${gsm(67)}`)).toMatchObject({ segments: 2, units: 134 });
    });

    it('counts a lone surrogate as one code unit', () => {
      expect(countSegments('\ud83d')).toEqual({ encoding: 'UCS-2', segments: 1, units: 1 });
    });
  });

  describe('properties', () => {
    const limits = { 'GSM-7': [160, 153], 'UCS-2': [70, 67] } as const;

    it('matches the closed formula when every character is one unit wide', () => {
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom('a', 'é', 'á', 'Ж'), maxLength: 700 }), (body) => {
          const { encoding, segments, units } = countSegments(body);
          const [single, per] = limits[encoding];
          expect(units).toBe(body.length);
          expect(segments).toBe(units <= single ? 1 : Math.ceil(units / per));
        }),
      );
    });

    it('never needs fewer segments than the units require, nor more than one wasted unit each allows', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (body) => {
          const { encoding, segments, units } = countSegments(body);
          const [single, per] = limits[encoding];
          const least = units <= single ? 1 : Math.ceil(units / per);
          const most = units <= single ? 1 : Math.ceil(units / (per - 1));
          expect(segments).toBeGreaterThanOrEqual(least);
          expect(segments).toBeLessThanOrEqual(most);
        }),
      );
    });
  });
});
