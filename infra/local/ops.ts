// npm run ops -- dlq list | dlq redrive <queue> | replay --from <time> --to <time>   [--aws]
// Operations for the person on call. Locally they act on the running `npm start` (same
// DATA_DIR); with --aws on the account and region of the standard AWS environment.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findDeadLetterQueues, redriveDeadLetters } from '../../shared/ops/deadLetters.js';
import { replayEvents } from '../../shared/ops/replayEvents.js';
import { sqsClient } from '../../shared/queue/sqsClient.js';
import { SqsEventQueue } from '../../shared/queue/sqsEventQueue.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { DynamoEventStore } from '../../shared/store/dynamoEventStore.js';
import { findRunningStack } from './runningStack.js';

const USAGE = `usage:
  npm run ops -- dlq list                       dead-letter queues, their sources and depth
  npm run ops -- dlq redrive <queue>            send a DLQ's messages back to the queue they failed on
  npm run ops -- replay --from <time> --to <time>
                                                re-publish the events that arrived in [from, to) through the processor
options:
  --aws              act on AWS (credentials and region from the environment) instead of the local stack
  --stack <name>     with --aws: the CloudFormation stack whose queues to list (default SmsRevenue)
  --table <name>     with --aws: the operational table (default $TABLE_NAME)
  --queue <url>      with --aws: the events queue (default $EVENTS_QUEUE_URL)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    aws: { type: 'boolean', default: false },
    stack: { type: 'string', default: 'SmsRevenue' },
    table: { type: 'string' },
    queue: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

if (!values.aws) {
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  const running = findRunningStack(dataDir);
  // The local queues live in the `npm start` process: without it there is nothing to act on.
  if (!running) fail(`no running stack on ${dataDir}: start it with \`npm start\` (or pass --aws)`);
  Object.assign(process.env, running.env);
}

const progress = (line: string) => process.stderr.write(`${line}\n`);
const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
const [command, sub, name] = positionals;
const sqs = sqsClient();
const prefix = values.aws ? values.stack : undefined;

if (command === 'dlq' && sub === 'list') {
  const queues = await findDeadLetterQueues(sqs, prefix);
  for (const q of queues) {
    const from = q.sources.map((s) => s.name).join(', ') || 'EventBridge / Lambda on-failure';
    progress(`${q.name.padEnd(48)} ${String(q.messages).padStart(7)} message(s)   from ${from}`);
  }
  print(queues);
} else if (command === 'dlq' && sub === 'redrive') {
  if (!name) fail('dlq redrive needs the queue name (see `dlq list`)');
  const queues = await findDeadLetterQueues(sqs, prefix);
  const dlq = queues.find((q) => q.name === name);
  if (!dlq)
    fail(
      `no dead-letter queue named "${name}"; there are: ${queues.map((q) => q.name).join(', ') || 'none'}`,
    );
  print(await redriveDeadLetters(sqs, dlq, { useMoveTask: values.aws, progress }));
} else if (command === 'replay') {
  const from = new Date(values.from ?? '');
  const to = new Date(values.to ?? '');
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    fail(`replay needs --from and --to as ISO times, e.g. --from 2026-12-01T00:00Z --to 2026-12-02T00:00Z`);
  }
  const table = values.table ?? process.env.TABLE_NAME;
  const queueUrl = values.queue ?? process.env.EVENTS_QUEUE_URL;
  if (!table || !queueUrl)
    fail('replay needs the table (--table or TABLE_NAME) and the events queue (--queue or EVENTS_QUEUE_URL)');
  const store = new DynamoEventStore(documentClient(), table);
  const queue = new SqsEventQueue(sqs, queueUrl);
  print(
    await replayEvents(
      { from, to },
      {
        eventsReceivedOn: (day) => store.eventsReceivedOn(day),
        enqueue: (events) => queue.enqueue(events),
        progress,
      },
    ),
  );
} else {
  fail(positionals.length ? `unknown command "${positionals.join(' ')}"` : 'no command given');
}
