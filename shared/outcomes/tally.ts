import type { KpiOutcome, KpiTouch } from './model.js';

export type StageDirection = 'forward' | 'backward' | 'same';

/** Sums of one currency's opportunities created and deals won in a group. */
export interface Amounts {
  outcomes: number;
  influenced: number;
  opportunities: number;
  opportunitiesInfluenced: number;
  deals: number;
  dealsInfluenced: number;
  pipeline: bigint;
  pipelineInfluenced: bigint;
  revenue: bigint;
  revenueInfluenced: bigint;
}

/** What one group of one day adds up, before it becomes rows. */
export class GroupTally {
  outcomes = 0;
  influenced = 0;
  /** [in the group, of those influenced] */
  booked = [0, 0];
  attended = [0, 0];
  opportunities = [0, 0];
  deals = [0, 0];
  stageChanges = 0;
  forward = 0;
  forwardAfterTouch = 0;
  readonly samplesMs: number[] = [];
  readonly amounts = new Map<string, Amounts>();

  /** `touches`: the outcome's eligible touches that put it in this group (all of them for outcome groups). */
  add(outcome: KpiOutcome, touches: readonly KpiTouch[], direction: StageDirection | null, withinMs: number) {
    const influenced = touches.length > 0 ? 1 : 0;
    const count = (pair: number[]) => {
      pair[0]! += 1;
      pair[1]! += influenced;
    };
    this.outcomes += 1;
    this.influenced += influenced;
    switch (outcome.outcomeType) {
      case 'meeting_booked':
        count(this.booked);
        break;
      case 'meeting_attended':
        count(this.attended);
        break;
      case 'opportunity_created':
        count(this.opportunities);
        break;
      case 'closed_won':
        count(this.deals);
        break;
      case 'stage_changed':
        this.stageChanges += 1;
        if (direction === 'forward') {
          this.forward += 1;
          if (touches.some((touch) => outcome.at - touch.at <= withinMs)) this.forwardAfterTouch += 1;
        }
        break;
      default:
        break;
    }
    const won = outcome.outcomeType === 'closed_won';
    if (
      (won || outcome.outcomeType === 'opportunity_created') &&
      outcome.amountMinor !== null &&
      outcome.currency !== null
    ) {
      const amounts = this.amountsIn(outcome.currency);
      const amount = BigInt(outcome.amountMinor);
      amounts.outcomes += 1;
      amounts.influenced += influenced;
      if (won) {
        amounts.deals += 1;
        amounts.dealsInfluenced += influenced;
        amounts.revenue += amount;
        if (influenced) amounts.revenueInfluenced += amount;
      } else {
        amounts.opportunities += 1;
        amounts.opportunitiesInfluenced += influenced;
        amounts.pipeline += amount;
        if (influenced) amounts.pipelineInfluenced += amount;
      }
    }
  }

  private amountsIn(currency: string): Amounts {
    let amounts = this.amounts.get(currency);
    if (!amounts) {
      amounts = {
        outcomes: 0,
        influenced: 0,
        opportunities: 0,
        opportunitiesInfluenced: 0,
        deals: 0,
        dealsInfluenced: 0,
        pipeline: 0n,
        pipelineInfluenced: 0n,
        revenue: 0n,
        revenueInfluenced: 0n,
      };
      this.amounts.set(currency, amounts);
    }
    return amounts;
  }
}
