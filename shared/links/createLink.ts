import { BadRequestError } from '../http/errors.js';
import { type Link, LinkRequestSchema, type LinkStore, linkRequestKey, randomLinkCode } from './link.js';

/**
 * Creates (or returns the existing) tracked link for a message. The same message and
 * destination always get the same code, so a retried send reuses its link.
 */
export async function createLink(
  input: unknown,
  ports: { links: LinkStore; now: () => Date; publicBaseUrl: string },
): Promise<{ link: Link; url: string }> {
  const parsed = LinkRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError(`invalid link: ${issue?.path.join('.') || 'body'} ${issue?.message}`);
  }
  const link = await ports.links.save(
    { ...parsed.data, code: randomLinkCode(), createdAt: ports.now().toISOString() },
    linkRequestKey(parsed.data),
  );
  return { link, url: `${ports.publicBaseUrl.replace(/\/+$/, '')}/c/${link.code}` };
}
