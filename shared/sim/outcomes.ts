import { isHeldOut } from '../governance/holdout.js';
import { type Arm, outcomeFor, type SimOutcome } from './behaviour.js';
import type { JourneySpec } from './catalog.js';
import { plantedMoney } from './truth.js';
import { journeyOf, type SimContact, type SimWorld } from './world.js';

/** Decides a contact's arm for their journey: the send gate's answer, or anything a test plants. */
export type Exposure = (contact: SimContact, journey: JourneySpec) => Arm;

/**
 * The send gate's own holdout assignment (shared/governance/holdout.ts, the program's rate and
 * salt, keyed by phone as the gate keys it): held out -> holdout, else treated. The world
 * asked the same function when it was generated (`contact.heldOut`); a journey of another
 * program asks again.
 */
export const gateExposure =
  (world: SimWorld): Exposure =>
  (contact, journey) => {
    const heldOut =
      journey.id === contact.journeyId
        ? contact.heldOut
        : isHeldOut(world.holdouts[journey.programId] ?? { rate: 0, salt: 'none' }, contact.phone);
    return heldOut ? 'holdout' : 'treated';
  };

export interface ArmSummary {
  contacts: number;
  conversions: number;
  revenueMinor: number;
  profitMinor: number;
  /** Pre-period revenue of the arm's contacts (CUPED covariate), summed. */
  priorRevenueMinor: number;
}

export interface WorkflowOutcomes {
  workflowId: string;
  trueConversionLift: number;
  trueRevenueLiftPerRecipientMinor: number;
  trueProfitLiftPerRecipientMinor: number;
  treated: ArmSummary;
  holdout: ArmSummary;
}

export interface SimulatedOutcomes {
  /** One per contact with a first exposure inside the world (arm `none` included). */
  outcomes: SimOutcome[];
  byWorkflow: Record<string, WorkflowOutcomes>;
}

const emptyArm = (): ArmSummary => ({
  contacts: 0,
  conversions: 0,
  revenueMinor: 0,
  profitMinor: 0,
  priorRevenueMinor: 0,
});

/**
 * Every contact's conversion without HTTP, exposed at their first step: the pure twin of what
 * the driver posts (the driver calls outcomeFor with the arm and time the stack answered).
 * Only outcomes inside the world's time count as conversions (`realized`).
 */
export function simulateOutcomes(
  world: SimWorld,
  exposure: Exposure = gateExposure(world),
): SimulatedOutcomes {
  const outcomes: SimOutcome[] = [];
  const byWorkflow: Record<string, WorkflowOutcomes> = {};
  for (const journey of world.journeys) {
    byWorkflow[journey.id] = {
      workflowId: journey.id,
      trueConversionLift: journey.effect,
      ...plantedMoney(world, journey),
      treated: emptyArm(),
      holdout: emptyArm(),
    };
  }
  for (const contact of world.contacts) {
    const first = contact.steps[0];
    if (!first) continue;
    const journey = journeyOf(world, contact);
    const outcome = outcomeFor(world, contact, exposure(contact, journey), first.at);
    outcomes.push(outcome);
    if (outcome.arm === 'none') continue;
    const arm = byWorkflow[journey.id]![outcome.arm];
    arm.contacts += 1;
    arm.priorRevenueMinor += contact.priorRevenueMinor;
    if (!outcome.realized) continue;
    arm.conversions += 1;
    arm.revenueMinor += outcome.revenueMinor;
    arm.profitMinor += outcome.marginMinor;
  }
  return { outcomes, byWorkflow };
}
