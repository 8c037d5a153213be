import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildStack } from '../../support/cdkStack.js';

/** `severity rule: construct paths` per finding cdk-nag still reports. */
function findings(scope: IConstruct): string[] {
  // cdk-nag 3 reports through the CDK validation framework, not Annotations; validateScope is
  // its documented direct entry point and honours Validations.of(...).acknowledge().
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.map(
    (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
  );
}

/** Every acknowledgement recorded in the tree: rule id -> reason. */
function acknowledgements(scope: IConstruct): [string, string][] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>))
    .map(([id, reason]) => [id.replace(/^annotation::/i, ''), String(reason)]);
}

describe('cdk-nag: AWS Solutions checks', () => {
  it('reports no error or warning the stack has not acknowledged', () => {
    // GIVEN
    const stack = buildStack({
      publicBaseUrl: 'https://hooks.example.com',
      alarmEmail: 'oncall@example.com',
    });

    // WHEN / THEN
    expect(findings(stack)).toEqual([]);
  });

  it('still reports a finding nobody acknowledged (the check can fail)', () => {
    const stack = buildStack();
    new sqs.Queue(stack, 'PlainQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });

    expect(findings(stack)).toEqual(
      expect.arrayContaining([
        'error AwsSolutions-SQS3: Test/PlainQueue/Resource',
        'error AwsSolutions-SQS4: Test/PlainQueue/Resource',
      ]),
    );
  });

  it('acknowledges IAM4/IAM5 one finding at a time, never the whole rule', () => {
    const stack = buildStack();

    const iam = acknowledgements(stack)
      .map(([id]) => id)
      .filter((id) => /^AwsSolutions-IAM[45]/.test(id));
    expect(iam.length).toBeGreaterThan(0);
    for (const id of iam) expect(id).toMatch(/^AwsSolutions-IAM[45]\[(Resource|Action|Policy)::.+\]$/);
  });

  it('gives each acknowledgement a reason specific enough to review', () => {
    const stack = buildStack();

    for (const [id, reason] of acknowledgements(stack)) expect(reason.length, id).toBeGreaterThan(60);
  });

  it('leaves no CDK warning or error on the stack', () => {
    const stack = buildStack();

    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});
