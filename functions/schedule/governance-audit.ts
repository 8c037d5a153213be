// (schedule, daily) events of the day range + the recipients' timelines -> auditSends -> breaches
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { appConfig } from '../../shared/config/runtimeConfig.js';
import {
  AuditJobEventSchema,
  auditDays,
  describeAudit,
  runGovernanceAudit,
} from '../../shared/governance/auditJob.js';
import { logger } from '../../shared/observability/powertools.js';
import { runtimePorts } from '../../shared/runtime/ports.js';

export const handler = middy(async (input: unknown) => {
  const event = AuditJobEventSchema.parse(input ?? {});
  const ports = runtimePorts();
  const result = await runGovernanceAudit(
    { events: ports.events, config: appConfig() },
    auditDays(event, ports.now()),
  );
  if (event.progress) {
    // Run by hand: a person reads the breaches; the JSON report follows on stdout.
    process.stderr.write(`${describeAudit(result)}\n`);
  } else {
    // In AWS: one error log per breach, for the alarm and the compliance trail.
    for (const breach of result.breaches) logger.error('governance breach', { ...breach });
  }
  logger.info('governance audit finished', {
    from: result.from,
    to: result.to,
    checked: result.checked,
    skipped: result.skipped.length,
    breaches: result.breaches.length,
  });
  return result;
}).use(injectLambdaContext(logger, { resetKeys: true }));
