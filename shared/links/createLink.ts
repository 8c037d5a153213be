import { BadRequestError } from '../http/errors.js';
import { type Link, LinkRequestSchema, type LinkStore, linkCode } from './link.js';

/**
 * Creates (or returns the existing) tracked link for a message. The same message and
 * destination always get the same code, so a retried send reuses its link.
 */
export async function createLink(
  input: unknown,
  ports: { links: LinkStore; now: () => Date; codeSalt: string; publicBaseUrl: string },
): Promise<{ link: Link; url: string }> {
  const parsed = LinkRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError(`invalid link: ${issue?.path.join('.') || 'body'} ${issue?.message}`);
  }
  const code = linkCode(parsed.data, ports.codeSalt);
  const link = await ports.links.save({ ...parsed.data, code, createdAt: ports.now().toISOString() });
  return { link, url: `${ports.publicBaseUrl.replace(/\/+$/, '')}/c/${link.code}` };
}
