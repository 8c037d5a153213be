/**
 * The simulated world: a seeded, pure model of accounts, contacts, journeys and their planted
 * truth, used two ways.
 *
 * 1. Without HTTP, for statistical truth tests (issue 7):
 *
 *    ```ts
 *    import { generateWorld, simulateOutcomes } from '../shared/sim/index.js';
 *    const world = generateWorld({ seed: 42, contacts: 20_000, days: 30, start: '2026-10-01' });
 *    const { outcomes, byWorkflow } = simulateOutcomes(world);            // the gate's holdout
 *    const forced = simulateOutcomes(world, (contact) => (contact.index % 2 ? 'treated' : 'holdout'));
 *    byWorkflow['cart-recovery'].trueConversionLift;                       // planted: 0.06
 *    ```
 *
 *    `generateWorld(options): SimWorld` — accounts (tiers, owners), contacts (E.164 phones in
 *    US/CA/GB/AU zones, emails, prior orders), a CRM pipeline, one journey per contact (the
 *    workflows and campaigns of config/example.json, see catalog.ts). Deterministic: the same
 *    options give the same world; 20k contacts in well under a second.
 *    `simulateOutcomes(world, exposure?)` — each contact's conversion given its arm; the default
 *    exposure asks the send gate's holdout function (shared/governance/holdout.ts) with the
 *    program's rate and salt, so treated vs holdout draws follow the gate's own decision.
 *    Common random numbers: one uniform per contact decides conversion in either arm, the arm
 *    moves the probability by exactly the planted effect (`trueConversionLift`, absolute).
 *    `outcomeFor` / `messageFate` are the per-contact pieces the HTTP driver uses.
 *
 * 2. Through the local stack's public doors: infra/local/simulator/world/runWorld.ts drives a
 *    world with signed webhooks and the send API on a simulated clock, and writes
 *    DATA_DIR/sim/truth.json from what the stack answered (TruthLedger).
 */
export {
  type Arm,
  DELIVERY_FAILURE_RATE,
  type MessageFate,
  messageFate,
  outcomeFor,
  plantedEffect,
  type SimOutcome,
} from './behaviour.js';
export {
  EMAIL_PROGRAM,
  type JourneySpec,
  OUTCOME_EVENT_TYPES,
  optOutProbability,
  SIM_JOURNEYS,
  VARIANT_EFFECT,
  VARIANTS,
  type Variant,
} from './catalog.js';
export {
  type ArmSummary,
  type Exposure,
  gateExposure,
  type SimulatedOutcomes,
  simulateOutcomes,
  type WorkflowOutcomes,
} from './outcomes.js';
export { type CountTruth, type TruthFile, TruthLedger, type WorkflowTruth } from './truth.js';
export {
  DAY_MS,
  generateWorld,
  journeyOf,
  SIM_PROGRAM_HOLDOUTS,
  type SimContact,
  type SimWorld,
  type WorldOptions,
} from './world.js';
