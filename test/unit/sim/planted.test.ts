import { describe, expect, it } from 'vitest';
import { classifyConsentMessage } from '../../../shared/consent/keywords.js';
import { plainLanguageOptOut } from '../../../shared/consent/plainLanguage.js';
import { classifyClick } from '../../../shared/links/clickClassifier.js';
import {
  BOT_USER_AGENTS,
  HUMAN_USER_AGENTS,
  OPT_OUT_TEXTS,
  REPLY_INTENTS,
} from '../../../shared/sim/catalog.js';
import {
  DELIVERY_FAILURE_RATE,
  generateWorld,
  messageFate,
  optOutProbability,
  outcomeFor,
  plantedEffect,
  SIM_JOURNEYS,
  simulateOutcomes,
} from '../../../shared/sim/index.js';

/**
 * The planted parameters hold statistically on one large pure world (20k contacts). Each
 * check allows 4 standard errors, so a correct world fails it about once in 16,000 runs.
 */
const world = generateWorld({ seed: 'planted-1', contacts: 20_000, days: 30, start: '2026-10-01' });
const within = (observed: number, expected: number, se: number) =>
  expect(Math.abs(observed - expected)).toBeLessThan(4 * se);

describe('Planted truth: conversion lift', () => {
  it.each(SIM_JOURNEYS.map((j) => [j.id, j] as const))(
    '%s: treated minus holdout on the same contacts is the planted effect',
    (_id, journey) => {
      // Common random numbers: the same contacts in both arms, so the difference per contact is
      // 1 when u falls in [p, p + effect) and 0 otherwise: a Bernoulli(effect x variant) draw.
      const members = world.members[journey.id]!.map((i) => world.contacts[i]!);
      let difference = 0;
      let planted = 0;
      for (const contact of members) {
        const treated = outcomeFor(world, contact, 'treated', world.start);
        const holdout = outcomeFor(world, contact, 'holdout', world.start);
        difference += Number(treated.converted) - Number(holdout.converted);
        planted += plantedEffect(journey, contact);
      }
      const n = members.length;
      const effect = planted / n;
      expect(n).toBeGreaterThan(1_000);
      within(difference / n, effect, Math.sqrt((effect * (1 - effect)) / n));
      // The variants average to the journey's effect (personalized x1.25, generic x0.75, half each).
      within(effect, journey.effect, journey.effect * 0.25 * Math.sqrt(1 / n) * 2);
    },
  );

  it('the holdout arm converts at the base rate times propensity', () => {
    const { outcomes } = simulateOutcomes(world, () => 'holdout');
    const cart = outcomes.filter((o) => o.journeyId === 'cart-recovery');
    const expected = cart.reduce((sum, o) => sum + o.probability, 0) / cart.length;
    const observed = cart.filter((o) => o.converted).length / cart.length;

    within(observed, expected, Math.sqrt((expected * (1 - expected)) / cart.length));
    within(expected, 0.08, 0.08 * 0.5 * Math.sqrt(1 / cart.length) * 4);
  });

  it("follows the gate's holdout: exposure decides the arm, and is deterministic", () => {
    const first = simulateOutcomes(world);
    const again = simulateOutcomes(world);

    expect(again).toEqual(first);
    for (const outcome of first.outcomes.slice(0, 2_000)) {
      expect(outcome.arm).toBe(world.contacts[outcome.contactIndex]!.heldOut ? 'holdout' : 'treated');
    }
    const cart = first.byWorkflow['cart-recovery']!;
    // 40% holdout in the commerce program (a lift test).
    within(
      cart.holdout.contacts / (cart.holdout.contacts + cart.treated.contacts),
      0.4,
      Math.sqrt((0.4 * 0.6) / (cart.holdout.contacts + cart.treated.contacts)),
    );
  });
});

describe('Planted truth: message fates', () => {
  const contacts = world.contacts.slice(0, 20_000);
  const rate = (pick: (fate: ReturnType<typeof messageFate>) => boolean, received = 0) =>
    contacts.filter((c) => pick(messageFate(world, c, 0, received))).length / contacts.length;

  it('fails about 3% of deliveries', () => {
    within(
      rate((f) => f.failureCode !== undefined),
      DELIVERY_FAILURE_RATE,
      Math.sqrt((0.03 * 0.97) / contacts.length),
    );
  });

  it('raises the opt-out chance with the messages received in the last 30 days', () => {
    const expected = (received: number) =>
      contacts.reduce(
        (sum, c) =>
          sum +
          (1 - DELIVERY_FAILURE_RATE) *
            optOutProbability(SIM_JOURNEYS.find((j) => j.id === c.journeyId)!, received),
        0,
      ) / contacts.length;
    const fresh = rate((f) => f.optOut !== undefined, 0);
    const tired = rate((f) => f.optOut !== undefined, 4);

    within(fresh, expected(0), Math.sqrt(expected(0) / contacts.length));
    within(tired, expected(4), Math.sqrt(expected(4) / contacts.length));
    // 1 + 0.6 x 4 = 3.4 times the fresh rate.
    expect(tired / fresh).toBeGreaterThan(2.5);
  });

  it('sends scanner clicks only for contacts whose phone previews links, about 12% of them', () => {
    const previewers = contacts.filter((c) => c.previewsLinks).length / contacts.length;
    within(previewers, 0.12, Math.sqrt((0.12 * 0.88) / contacts.length));
    for (const contact of contacts.slice(0, 500)) {
      const fate = messageFate(world, contact, 0, 0);
      if (!fate.failureCode) expect(fate.botClick !== undefined).toBe(contact.previewsLinks);
    }
  });

  it('writes replies the consent rules do not read as opt-outs, and STOPs they do', () => {
    const keywords = { keywords: { optOut: [], optIn: [], help: [] } };
    for (const text of REPLY_INTENTS.flatMap((i) => i.texts)) {
      expect(classifyConsentMessage(text, keywords).action, text).not.toBe('opt_out');
      expect(plainLanguageOptOut(text), text).toBeUndefined();
    }
    for (const text of OPT_OUT_TEXTS)
      expect(classifyConsentMessage(text, keywords).action, text).toBe('opt_out');
  });

  it('uses browser agents the click classifier keeps, and scanner agents it flags', () => {
    for (const userAgent of HUMAN_USER_AGENTS)
      expect(classifyClick({ method: 'GET', userAgent, secondsSinceSend: 600 })).toEqual({ bot: false });
    for (const userAgent of BOT_USER_AGENTS)
      expect(classifyClick({ method: 'GET', userAgent, secondsSinceSend: 600 }).bot).toBe(true);
  });
});
