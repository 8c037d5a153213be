/**
 * The slice of Slack's Block Kit our alerts use, typed, with the documented size limits and a
 * checker for them. The fake Slack server runs the checker so a message that real Slack would
 * refuse (`invalid_blocks`) is refused locally too.
 *
 * @see https://docs.slack.dev/reference/block-kit/blocks
 * @see https://docs.slack.dev/reference/block-kit/composition-objects/text-object
 */

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  /**
   * `true` stops Slack's own pre-processing: no auto-linked URLs, no conversation names or
   * mentions parsed out of bare words. Set on every text that carries data we do not control.
   */
  verbatim?: boolean;
}

export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}

export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: MrkdwnText; fields?: MrkdwnText[] }
  | { type: 'section'; fields: MrkdwnText[]; text?: undefined }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'actions'; elements: ButtonElement[] }
  | { type: 'divider' };

/** What every Slack route takes: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Documented maxima, in characters. */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** chat.postMessage truncates `text` beyond this. */
  messageText: 40_000,
} as const;

/** Loosely typed on purpose: it checks whatever JSON arrived, not only what we meant to send. */
interface AnyBlock {
  type?: unknown;
  text?: { text?: unknown };
  fields?: unknown;
  elements?: unknown;
}

const textOf = (value: unknown): string =>
  typeof (value as { text?: unknown } | undefined)?.text === 'string' ? (value as { text: string }).text : '';

function tooLong(where: string, text: string, max: number): string[] {
  return text.length > max ? [`${where}: ${text.length} characters, more than ${max}`] : [];
}

function blockProblems(block: AnyBlock, where: string): string[] {
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  switch (block.type) {
    case 'header':
      return tooLong(`${where} header text`, textOf(block.text), BLOCK_KIT_LIMITS.headerText);
    case 'section': {
      const fields = list(block.fields);
      const problems = block.text || fields.length > 0 ? [] : [`${where}: a section needs text or fields`];
      if (fields.length > BLOCK_KIT_LIMITS.sectionFields) problems.push(`${where}: more than 10 fields`);
      return [
        ...problems,
        ...tooLong(`${where} text`, textOf(block.text), BLOCK_KIT_LIMITS.sectionText),
        ...fields.flatMap((f, i) => tooLong(`${where} field ${i}`, textOf(f), BLOCK_KIT_LIMITS.fieldText)),
      ];
    }
    case 'context': {
      const elements = list(block.elements);
      return elements.length > BLOCK_KIT_LIMITS.contextElements ? [`${where}: more than 10 elements`] : [];
    }
    case 'actions':
      return list(block.elements).flatMap((element, i) => {
        const button = element as { text?: unknown; value?: unknown; action_id?: unknown };
        const value = typeof button.value === 'string' ? button.value : '';
        const actionId = typeof button.action_id === 'string' ? button.action_id : '';
        return [
          ...tooLong(`${where} button ${i} text`, textOf(button.text), BLOCK_KIT_LIMITS.buttonText),
          ...tooLong(`${where} button ${i} value`, value, BLOCK_KIT_LIMITS.buttonValue),
          ...tooLong(`${where} button ${i} action_id`, actionId, BLOCK_KIT_LIMITS.actionId),
        ];
      });
    case 'divider':
      return [];
    default:
      return [`${where}: unknown block type ${JSON.stringify(block.type)}`];
  }
}

/** Every documented limit the message breaks; empty when Slack would take it. */
export function blockKitProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  if (message.blocks === undefined) return [];
  if (!Array.isArray(message.blocks)) return ['blocks must be an array'];
  const blocks = message.blocks as AnyBlock[];
  return [
    ...(blocks.length > BLOCK_KIT_LIMITS.blocksPerMessage ? ['more than 50 blocks'] : []),
    ...blocks.flatMap((block, i) => blockProblems(block ?? {}, `block ${i}`)),
  ];
}
