import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TeamFunction } from '../../infra/constructs/teamFunction.js';
import { BUS_FUNCTIONS, HTTP_FUNCTIONS, SCHEDULED_FUNCTIONS, WORKER_FUNCTIONS } from '../../infra/routes.js';
import { SmsRevenueStack, type SmsRevenueStackProps } from '../../infra/stack.js';

/**
 * A fresh stack for template assertions, fast enough to build one per test:
 * - esbuild is skipped through the CDK's own `aws:cdk:bundling-stacks` context (what
 *   `cdk deploy OtherStack` does for stacks it does not deploy), so each function is the real
 *   NodejsFunction with its real settings, only its code asset is left unbuilt;
 * - the built-in CloudFormation schema validation (~1–7 s per synth) is off.
 * Both run for real in test/unit/infra/synth.test.ts.
 */
export function buildStack(props: SmsRevenueStackProps = {}): SmsRevenueStack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  return new SmsRevenueStack(app, 'Test', props);
}

/** The synthesized template of a fresh stack. */
export function templateOf(props: SmsRevenueStackProps = {}): Template {
  return Template.fromStack(buildStack(props));
}

/** Resources of one type from a template, as [logicalId, resource] pairs. */
export function resourcesOf(
  template: Template,
  type: string,
): [string, { Properties: Record<string, unknown> } & Record<string, unknown>][] {
  return Object.entries(template.findResources(type)) as [
    string,
    { Properties: Record<string, unknown> } & Record<string, unknown>,
  ][];
}

/** The logical id of the Lambda function with this description (descriptions come from infra/routes.ts). */
export function functionId(template: Template, description: string): string {
  const ids = resourcesOf(template, 'AWS::Lambda::Function')
    .filter(([, fn]) => fn.Properties.Description === description)
    .map(([id]) => id);
  if (ids.length !== 1)
    throw new Error(`expected one function described "${description}", found ${ids.length}`);
  return ids[0]!;
}

/** An IAM policy statement as synthesized. */
export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every IAM statement of the policies attached to a function's role. */
export function statementsOf(template: Template, functionLogicalId: string): PolicyStatement[] {
  const fn = template.toJSON().Resources[functionLogicalId];
  const roleId: string = fn.Properties.Role['Fn::GetAtt'][0];
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(
      ([, policy]) => (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement,
    );
}

/** Every IAM action granted to a function's role, e.g. `dynamodb:PutItem`. */
export function actionsOf(template: Template, functionLogicalId: string): string[] {
  return statementsOf(template, functionLogicalId).flatMap((statement) => statement.Action);
}

/** The resources a function's role may perform one action on. */
export function resourcesFor(template: Template, functionLogicalId: string, action: string): unknown[] {
  return statementsOf(template, functionLogicalId)
    .filter((statement) => [statement.Action].flat().includes(action))
    .flatMap((statement) => [statement.Resource].flat());
}

/** The single resource of a type, as [logicalId, resource]; throws unless there is exactly one. */
export function onlyResource(
  template: Template,
  type: string,
): [string, { Properties: Record<string, unknown> }] {
  const found = resourcesOf(template, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/** Environment variables of a function, by its logical id. */
export function environmentOf(template: Template, functionLogicalId: string): Record<string, unknown> {
  return template.toJSON().Resources[functionLogicalId].Properties.Environment.Variables;
}

/**
 * The functions that read the program config, by what they get besides it
 * (infra/gateEnvironment.ts); every other function gets no config at all.
 */
export const CONFIG_READERS = {
  // The send gate, and the processor: consent scopes and keywords, HELP text. Vendor API URLs.
  gate: [
    HTTP_FUNCTIONS.messages,
    HTTP_FUNCTIONS.decisions,
    WORKER_FUNCTIONS.send,
    WORKER_FUNCTIONS.processEvents,
  ],
  // Slack routes, owners and SLAs live in the config's alerts section. The Slack API URL.
  alerts: [BUS_FUNCTIONS.intentAlert, HTTP_FUNCTIONS.slackActions, SCHEDULED_FUNCTIONS.slaCheck],
  // The audit checks the history against the configured caps and quiet hours; it calls no vendor.
  // Attribution rules, engine and currency rates are in the config's attribution section;
  // scorecards price programs with its costs, holdouts judge workflows by their goals.
  configOnly: [
    SCHEDULED_FUNCTIONS.governanceAudit,
    SCHEDULED_FUNCTIONS.attribution,
    SCHEDULED_FUNCTIONS.scorecards,
    SCHEDULED_FUNCTIONS.holdouts,
  ],
};

/**
 * The program config a function's bundle will carry, parsed; undefined if it carries none.
 * TeamFunction ships the config as a file beside the handler (the 4 KB environment cannot
 * hold it), so it is not in the template: this reads the file the bundler will copy.
 */
export function bundledConfigOf(stack: SmsRevenueStack, description: string): unknown {
  const teams = stack.node
    .findAll()
    .filter((c): c is TeamFunction => c instanceof TeamFunction && c.description === description);
  if (teams.length !== 1)
    throw new Error(`expected one function described "${description}", found ${teams.length}`);
  const path = teams[0]!.bundledConfigPath;
  return path === undefined ? undefined : JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The queue a function consumes (found through its event source mapping) and that queue's
 * dead-letter queue (the target of its redrive policy), as logical ids and resources.
 */
export function consumedQueue(template: Template, functionLogicalId: string) {
  const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping').filter(
    ([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: functionLogicalId }),
  );
  if (mappings.length !== 1)
    throw new Error(`expected one event source for ${functionLogicalId}, found ${mappings.length}`);
  const [mappingId, mapping] = mappings[0]!;
  const queueId = (mapping.Properties.EventSourceArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
  const resources = template.toJSON().Resources;
  const queue = resources[queueId] as { Properties: Record<string, unknown> };
  const redrive = queue.Properties.RedrivePolicy as
    | { deadLetterTargetArn: { 'Fn::GetAtt': string[] } }
    | undefined;
  const dlqId = redrive?.deadLetterTargetArn['Fn::GetAtt'][0];
  return {
    mappingId,
    mapping,
    queueId,
    queue,
    dlqId,
    dlq: dlqId ? (resources[dlqId] as { Properties: Record<string, unknown> }) : undefined,
  };
}

/** The logical id of the vendor secret (the VendorSecrets construct's; the lake's PII salt is another). */
export function vendorSecretId(template: Template): string {
  const ids = resourcesOf(template, 'AWS::SecretsManager::Secret')
    .map(([id]) => id)
    .filter((id) => id.startsWith('VendorSecrets'));
  if (ids.length !== 1) throw new Error(`expected one vendor secret, found ${ids.length}`);
  return ids[0]!;
}

/** `{ 'Fn::Join': ['', ['arn:', {Ref: 'AWS::Partition'}, ':glue:', …]] }` -> `arn:${Partition}:glue:…` */
export function arnText(arn: unknown): string {
  const join = (arn as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return JSON.stringify(arn);
  return join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = (part as { Ref?: string }).Ref;
      return ref ? `\${${ref}}` : JSON.stringify(part);
    })
    .join(join[0]);
}

/** The lake's Athena workgroup, its query results bucket and the Glue database, by logical id and name. */
export function lakeAthenaIds(template: Template): {
  workGroupId: string;
  resultsBucketId: string;
  database: string;
} {
  const [workGroupId, workGroup] = onlyResource(template, 'AWS::Athena::WorkGroup');
  const resultsLocation = (
    workGroup.Properties.WorkGroupConfiguration as {
      ResultConfiguration: { OutputLocation: { 'Fn::Join': [string, unknown[]] } };
    }
  ).ResultConfiguration.OutputLocation['Fn::Join'][1];
  const database = (
    onlyResource(template, 'AWS::Glue::Database')[1].Properties.DatabaseInput as { Name: string }
  ).Name;
  return { workGroupId, resultsBucketId: (resultsLocation[1] as { Ref: string }).Ref, database };
}
