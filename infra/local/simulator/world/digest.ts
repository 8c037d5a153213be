import { EMAIL_PROGRAM } from '../../../../shared/sim/catalog.js';
import { Rng } from '../../../../shared/sim/random.js';
import { DAY_MS, type SimWorld } from '../../../../shared/sim/world.js';
import type { GenericItem } from './crmEvents.js';

const HOUR_MS = 3_600_000;

/**
 * The email program: a weekly digest to the `digest-text` journey's contacts, sent and
 * delivered at 15:00 UTC, some opened (people, and Apple's privacy proxy) and clicked within
 * hours. Its SMS follow-up has a holdout, so its recipients split into email-only and
 * email+SMS cohorts. Items of our generic email webhook, each with a stable id.
 */
export function digestItems(world: SimWorld): Array<{ at: number; item: GenericItem }> {
  const items: Array<{ at: number; item: GenericItem }> = [];
  const members = world.members[EMAIL_PROGRAM.journeyId] ?? [];
  for (const digestDay of EMAIL_PROGRAM.days) {
    const at = world.start + digestDay * DAY_MS + 15 * HOUR_MS;
    if (at >= world.end) continue;
    for (const index of members) {
      const contact = world.contacts[index]!;
      const rng = new Rng(`${world.seed}|${contact.contactId}|digest${digestDay}`);
      const messageId = `${contact.contactId}-digest-${digestDay}`;
      const touch = {
        channel: 'email',
        messageId,
        email: contact.email,
        contactId: contact.contactId,
        programId: EMAIL_PROGRAM.programId,
        kind: 'campaign',
        campaignId: EMAIL_PROGRAM.campaignId,
      };
      const add = (type: string, when: number, extra: Record<string, unknown> = {}) =>
        items.push({
          at: when,
          item: {
            id: `${messageId}:${type}`,
            type,
            occurredAt: new Date(when).toISOString(),
            ...touch,
            ...extra,
          },
        });
      add('email.sent', at);
      add('email.delivered', at + 60_000);
      const opened = rng.next() < EMAIL_PROGRAM.openRate;
      const machine = rng.next() < EMAIL_PROGRAM.machineOpenRate;
      const clicked = rng.next() < EMAIL_PROGRAM.clickRate;
      const openAfter = rng.int(10, 600) * 60_000;
      if (opened || machine) add('email.opened', at + openAfter, { machineOpen: machine && !opened });
      if (opened && clicked)
        add('email.clicked', at + openAfter + 120_000, {
          destination: EMAIL_PROGRAM.destination,
          bot: false,
        });
    }
  }
  return items;
}
