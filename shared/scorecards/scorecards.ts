import type { CurrencyRates } from '../attribution/currency.js';
import type { AppConfig } from '../config/programConfig.js';
import { type CostsConfig, DEFAULT_COSTS } from '../cost/costConfig.js';
import type { ScorecardRow } from '../lake/tables/scorecards.js';
import { type CategoryOf, type DayScoring, prepareDecisions, scoreDay } from './aggregate.js';
import { buildFacts, type SendFacts } from './facts.js';
import type { ScorecardInputs } from './inputs.js';
import { DEFAULT_SCORECARD_CONFIG, type ScorecardConfig } from './scorecardConfig.js';

/**
 * The scorecard core, pure: lake records in, `scorecards` rows out, one list per day. See
 * definitions.ts for what each number means.
 */
export interface ScorecardSettings {
  config: ScorecardConfig;
  costs: CostsConfig;
  fees: AppConfig['fees'];
  categoryOf: CategoryOf;
  tierWeights: Record<string, number>;
  currencyRates?: CurrencyRates;
  /** The programs categoryOf looks up: the SQL twin binds their categories as a table. */
  programs?: AppConfig['programs'];
}

/** Settings from the program config: its scorecards, costs, fees, categories and tier weights. */
export function settingsFrom(config: AppConfig): ScorecardSettings {
  const scorecards = config.scorecards ?? DEFAULT_SCORECARD_CONFIG;
  return {
    config: scorecards,
    costs: config.costs ?? DEFAULT_COSTS,
    fees: config.fees,
    categoryOf: categoryLookup(config),
    tierWeights: scorecards.engagement.tierWeights ?? config.alerts.tierWeights,
    currencyRates: config.attribution?.currencyRates,
    programs: config.programs,
  };
}

/**
 * The category of a campaign or workflow: its program's entry, else the first program that has
 * that id (a touch without a program), else null (the row says `uncategorized`).
 */
export function categoryLookup(config: Pick<AppConfig, 'programs'>): CategoryOf {
  return (kind, id, programId) => {
    const programs = programId && config.programs[programId] ? [config.programs[programId]] : [];
    programs.push(...Object.values(config.programs));
    for (const program of programs) {
      const entry = kind === 'flow' ? program?.workflows[id] : program?.campaigns[id];
      if (entry) return entry.category;
    }
    return null;
  };
}

export interface ScoredDays {
  rows: Map<string, ScorecardRow[]>;
  facts: SendFacts;
}

/** What a run scores its days from: the facts of every message, kept without the raw inputs. */
export interface PreparedScoring {
  scoring: DayScoring;
  facts: SendFacts;
  categoryOf: CategoryOf;
}

/**
 * Works out the facts once; the inputs are not kept, so a caller that drops them frees the raw
 * records before the days are scored. Monthly overhead is allocated over every day from the
 * first day with data to `lastDay`.
 */
export function prepareScoring(
  inputs: ScorecardInputs,
  settings: ScorecardSettings,
  lastDay: string,
): PreparedScoring {
  const firstAt = inputs.sends.reduce((min, s) => Math.min(min, s.at), Number.POSITIVE_INFINITY);
  const firstDay =
    inputs.firstDay ?? (Number.isFinite(firstAt) ? new Date(firstAt).toISOString().slice(0, 10) : lastDay);
  const costDays: string[] = [];
  for (let day = firstDay; day <= lastDay; day = nextDay(day)) costDays.push(day);
  const facts = buildFacts(inputs, { ...settings, costDays });
  const scoring: DayScoring = {
    facts,
    decisions: prepareDecisions(inputs.decisions),
    currency: settings.fees.currency,
    model: settings.config.model,
    points: settings.config.engagement.points,
    firstDay,
  };
  return { scoring, facts, categoryOf: settings.categoryOf };
}

/** One day's rows: every period ending with it, every level and key. */
export const scoreOneDay = (prepared: PreparedScoring, day: string): ScorecardRow[] =>
  scoreDay(prepared.scoring, day, prepared.categoryOf);

/** Rows for each of `days` (all in memory: for tests and small runs; the job scores day by day). */
export function computeScorecards(
  inputs: ScorecardInputs,
  settings: ScorecardSettings,
  days: readonly string[],
): ScoredDays {
  const lastDay = days[days.length - 1] ?? new Date().toISOString().slice(0, 10);
  const prepared = prepareScoring(inputs, settings, lastDay);
  const rows = new Map<string, ScorecardRow[]>();
  for (const day of days) rows.set(day, scoreOneDay(prepared, day));
  return { rows, facts: prepared.facts };
}

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
