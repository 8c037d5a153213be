import { describe, expect, it } from 'vitest';
import { BadRequestError, NotFoundError } from '../../../shared/http/errors.js';
import { createLink } from '../../../shared/links/createLink.js';
import { recordClick } from '../../../shared/links/recordClick.js';
import { MemoryEventStore, MemoryLinkStore, MemoryQueue } from '../../support/fakes.js';

const NOW = new Date('2026-11-25T12:00:00Z');

function setup() {
  const links = new MemoryLinkStore();
  const events = new MemoryEventStore();
  const queue = new MemoryQueue();
  return { links, events, queue, now: () => NOW, publicBaseUrl: 'https://go.example.com/' };
}

describe('Use case: createLink and recordClick', () => {
  it('gives the same message and destination the same code, and another message another code', async () => {
    const ports = setup();
    const a = await createLink({ destination: 'https://example.com/p', messageId: 'SM1' }, ports);
    const again = await createLink({ destination: 'https://example.com/p', messageId: 'SM1' }, ports);
    const other = await createLink({ destination: 'https://example.com/p', messageId: 'SM2' }, ports);
    expect(again.link.code).toBe(a.link.code);
    expect(other.link.code).not.toBe(a.link.code);
    expect(a.url).toBe(`https://go.example.com/c/${a.link.code}`);
  });

  it.each([['javascript:alert(1)'], ['not a url'], ['ftp://example.com/x']])(
    'refuses destination %s',
    async (destination) => {
      await expect(createLink({ destination }, setup())).rejects.toBeInstanceOf(BadRequestError);
    },
  );

  it('records a click with the link campaign identity and redirects to the destination', async () => {
    const ports = setup();
    const { link } = await createLink(
      {
        destination: 'https://example.com/p',
        messageId: 'SM1',
        phone: '+14155550100',
        campaignId: 'spring',
        sentAt: '2026-11-25T11:00:00Z',
      },
      ports,
    );
    const click = await recordClick(
      { code: link.code, method: 'GET', userAgent: 'Mozilla/5.0 (Android 15)', requestId: 'r1' },
      ports,
    );
    expect(click.destination).toBe('https://example.com/p');
    expect(click.event).toMatchObject({
      type: 'message.clicked',
      campaignId: 'spring',
      bot: false,
      phone: '+14155550100',
    });
    await recordClick(
      { code: link.code, method: 'GET', userAgent: 'Mozilla/5.0 (Android 15)', requestId: 'r1' },
      ports,
    );
    expect(ports.events.items.size).toBe(1);
    expect(ports.queue.sent).toHaveLength(1);
  });

  it('records nothing for an unknown or malformed code', async () => {
    const ports = setup();
    await expect(
      recordClick({ code: 'nope0000', method: 'GET', requestId: 'r' }, ports),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      recordClick({ code: '../etc', method: 'GET', requestId: 'r' }, ports),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(ports.events.items.size).toBe(0);
  });
});
