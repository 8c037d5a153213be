import type { OutcomeType } from '../attribution/model.js';
import type { AppConfig } from '../config/programConfig.js';
import type { IncrementalityConfig, WorkflowGoal } from './config.js';
import type { TestedUnit } from './model.js';

/** What config says about a tested unit: its category, holdout rate and goal. */
export interface UnitSettings {
  category: string | null;
  /** The program's holdout rate; 0 for transactional workflows (never held out). */
  holdoutRate: number;
  goal: WorkflowGoal;
  /** Whether the goal was declared (else the default primary outcome and a 0 threshold). */
  declared: boolean;
}

export function unitSettings(
  config: Pick<AppConfig, 'programs'>,
  incrementality: IncrementalityConfig,
  unit: TestedUnit,
): UnitSettings {
  const program = unit.programId ? config.programs[unit.programId] : undefined;
  const workflow = unit.kind === 'flow' ? program?.workflows[unit.id] : undefined;
  const campaign = unit.kind === 'campaign' ? program?.campaigns[unit.id] : undefined;
  const goal = workflow?.goal ?? campaign?.goal;
  return {
    category: workflow?.category ?? campaign?.category ?? null,
    holdoutRate: !program || workflow?.transactional ? 0 : program.holdout.rate,
    goal: goal ?? { primaryOutcome: incrementality.defaultPrimaryOutcome, successThreshold: 0 },
    declared: goal !== undefined,
  };
}

/**
 * The unit's outcome window in days: its goal's, else the section's, else attribution's window
 * for its primary outcome (so "converted" means what attribution means by it).
 */
export function windowDaysFor(
  incrementality: IncrementalityConfig,
  attributionWindows: Record<OutcomeType, { days: number }>,
  goal: WorkflowGoal,
): number {
  return goal.windowDays ?? incrementality.windowDays ?? attributionWindows[goal.primaryOutcome].days;
}
