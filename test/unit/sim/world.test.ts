import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import { isHeldOut } from '../../../shared/governance/holdout.js';
import { localParts } from '../../../shared/governance/localTime.js';
import { contactTimeZone } from '../../../shared/governance/timeZones.js';
import { toE164 } from '../../../shared/phone.js';
import { DAY_MS, generateWorld, SIM_JOURNEYS, SIM_PROGRAM_HOLDOUTS } from '../../../shared/sim/index.js';

const OPTIONS = { seed: 'unit-1', contacts: 2_000, days: 30, start: '2026-10-01T00:00:00Z' } as const;

describe('Function: generateWorld', () => {
  it('gives the same world for the same options, byte for byte', () => {
    const first = generateWorld(OPTIONS);
    const second = generateWorld(OPTIONS);

    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('gives a different world for a different seed', () => {
    const first = generateWorld(OPTIONS);
    const other = generateWorld({ ...OPTIONS, seed: 'unit-2' });

    expect(other.contacts.map((c) => c.phone)).not.toEqual(first.contacts.map((c) => c.phone));
    expect(other.contacts.map((c) => c.journeyId)).not.toEqual(first.contacts.map((c) => c.journeyId));
  });

  it('gives every contact a unique valid E.164 phone and an email, in several countries and zones', () => {
    const world = generateWorld(OPTIONS);
    const phones = world.contacts.map((c) => c.phone);

    expect(phones.filter((p) => toE164(p) !== p)).toEqual([]);
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(world.contacts.map((c) => c.email)).size).toBe(phones.length);
    expect(new Set(world.contacts.map((c) => c.country))).toEqual(new Set(['US', 'CA', 'GB', 'AU']));
    expect(new Set(world.contacts.map((c) => c.timeZone)).size).toBeGreaterThanOrEqual(7);
    // The CRM zone is one the gate accepts, so quiet hours use it.
    for (const contact of world.contacts.slice(0, 50)) {
      expect(contactTimeZone(contact.timeZone, contact.phone, 'UTC')).toBe(contact.timeZone);
    }
  });

  it('asks for every send inside the recipient 10:00–19:00, within the world', () => {
    const world = generateWorld(OPTIONS);
    const steps = world.contacts.flatMap((c) => c.steps.map((s) => ({ ...s, timeZone: c.timeZone })));

    expect(steps.length).toBeGreaterThan(3_000);
    const outside = steps.filter((s) => {
      const { hour } = localParts(new Date(s.at), s.timeZone);
      return hour < 10 || hour >= 19 || s.at < world.start || s.at >= world.end;
    });
    expect(outside).toEqual([]);
    expect(world.end - world.start).toBe(30 * DAY_MS);
  });

  it("puts a contact in the holdout exactly when the send gate's holdout function says so", () => {
    const world = generateWorld(OPTIONS);

    for (const contact of world.contacts) {
      const program = SIM_JOURNEYS.find((j) => j.id === contact.journeyId)!.programId;
      expect(contact.heldOut).toBe(isHeldOut(SIM_PROGRAM_HOLDOUTS[program]!, contact.phone));
    }
    const heldOut = world.contacts.filter((c) => c.heldOut).length / world.contacts.length;
    // Every simulated program holds 40% out: the share sits near it.
    expect(heldOut).toBeGreaterThan(0.33);
    expect(heldOut).toBeLessThan(0.47);
  });

  it('builds accounts in three tiers with owners, and a pipeline that only moves forward', () => {
    const world = generateWorld(OPTIONS);

    expect(new Set(world.accounts.map((a) => a.tier))).toEqual(new Set(['enterprise', 'mid-market', 'smb']));
    expect(world.deals.length).toBeGreaterThan(10);
    for (const deal of world.deals) {
      for (const [i, move] of deal.moves.entries()) {
        expect(move.at).toBeGreaterThan(i === 0 ? deal.createdAt : deal.moves[i - 1]!.at);
      }
    }
    expect(world.deals.some((d) => d.moves.some((m) => m.kind === 'won'))).toBe(true);
  });
});

describe('Contract: the simulated journeys exist in config/example.json', () => {
  const config = loadConfigFile(join(import.meta.dirname, '../../../config/example.json'));

  it.each(SIM_JOURNEYS.map((j) => [j.id, j] as const))('%s is declared with its category', (_id, journey) => {
    const program = config.programs[journey.programId];
    const declared =
      journey.kind === 'flow' ? program?.workflows[journey.id] : program?.campaigns[journey.id];

    expect(declared?.category).toBe(journey.category);
  });

  it('declares the holdouts the world assumes: lift tests, a minority held out', () => {
    for (const [programId, holdout] of Object.entries(SIM_PROGRAM_HOLDOUTS)) {
      expect(config.programs[programId]?.holdout).toEqual(holdout);
      expect(holdout.rate).toBeGreaterThanOrEqual(0.05);
      expect(holdout.rate).toBeLessThan(0.5);
    }
  });
});
