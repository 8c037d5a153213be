import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HTTP_FUNCTIONS, type HttpFunctionName, ROUTES } from '../../../infra/routes.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import { actionsOf, functionId, onlyResource, resourcesOf, templateOf } from '../../support/cdkStack.js';

/** The function logical id a route's integration invokes. */
function routeTarget(template: Template, routeKey: string): string {
  const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').filter(
    ([, r]) => r.Properties.RouteKey === routeKey,
  );
  expect(routes, routeKey).toHaveLength(1);
  const target = routes[0]![1].Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
  const integration = template.toJSON().Resources[target['Fn::Join'][1][1].Ref];
  return integration.Properties.IntegrationUri['Fn::GetAtt'][0];
}

const fnId = (template: Template, name: HttpFunctionName) =>
  functionId(template, HTTP_FUNCTIONS[name].description);

describe('Construct: IngestApi', () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r.fn] as const))(
    'routes %s to the %s function',
    (routeKey, fn) => {
      // GIVEN / WHEN
      const template = templateOf();

      // THEN
      expect(routeTarget(template, routeKey)).toBe(fnId(template, fn));
    },
  );

  it('has no route that infra/routes.ts does not list', () => {
    const template = templateOf();

    const keys = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('throttles the auto-deployed $default stage', () => {
    const template = templateOf();

    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  it('takes the throttling limits from the stack props', () => {
    const template = templateOf({ apiRateLimit: 25, apiBurstLimit: 50 });

    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 50 },
    });
  });

  it('writes JSON access logs with the request id to a retained-for-90-days log group', () => {
    const template = templateOf();

    const [, stage] = onlyResource(template, 'AWS::ApiGatewayV2::Stage');
    const { DestinationArn, Format } = (
      stage.Properties as {
        AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': string[] }; Format: string };
      }
    ).AccessLogSettings;
    const logGroup = template.toJSON().Resources[DestinationArn['Fn::GetAtt'][0]!];
    expect(logGroup.Properties.RetentionInDays).toBe(90);
    expect(JSON.parse(Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('gives every HTTP function the table and the events queue', () => {
    const template = templateOf();

    for (const spec of Object.values(HTTP_FUNCTIONS)) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: spec.description,
        Environment: {
          Variables: Match.objectLike({
            [ENV.tableName]: Match.anyValue(),
            [ENV.eventsQueueUrl]: Match.anyValue(),
          }),
        },
      });
    }
  });

  it('sets PUBLIC_BASE_URL only when the stack is given one', () => {
    const withUrl = templateOf({ publicBaseUrl: 'https://hooks.example.com' });
    const withoutUrl = templateOf();

    for (const spec of Object.values(HTTP_FUNCTIONS)) {
      withUrl.hasResourceProperties('AWS::Lambda::Function', {
        Description: spec.description,
        Environment: { Variables: Match.objectLike({ [ENV.publicBaseUrl]: 'https://hooks.example.com' }) },
      });
      withoutUrl.hasResourceProperties('AWS::Lambda::Function', {
        Description: spec.description,
        Environment: { Variables: Match.objectLike({ [ENV.publicBaseUrl]: Match.absent() }) },
      });
    }
  });

  it.each(['smsWebhook', 'crmWebhook', 'emailWebhook'] as const)(
    'lets %s verify with the vendor secrets, store events and queue them',
    (name) => {
      const template = templateOf();

      const actions = actionsOf(template, fnId(template, name));
      expect(actions).toEqual(
        expect.arrayContaining(['secretsmanager:GetSecretValue', 'dynamodb:PutItem', 'sqs:SendMessage']),
      );
    },
  );

  it('lets the click redirect store and queue the click, without reading secrets', () => {
    const template = templateOf();

    const actions = actionsOf(template, fnId(template, 'clickRedirect'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'sqs:SendMessage']));
    expect(actions.filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('lets the links API save links and read the API key, without queueing events', () => {
    const template = templateOf();

    const actions = actionsOf(template, fnId(template, 'links'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'secretsmanager:GetSecretValue']));
    expect(actions.filter((a) => a.startsWith('sqs:'))).toEqual([]);
  });

  it('lets the timeline API only read the table', () => {
    const template = templateOf();

    const actions = actionsOf(template, fnId(template, 'timeline'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'secretsmanager:GetSecretValue']));
    expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('sqs:'))).toEqual([]);
  });

  it('lets the messages API record sends, append their events and read the credentials', () => {
    const template = templateOf();

    const actions = actionsOf(template, fnId(template, 'messages'));
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'sqs:SendMessage',
        'secretsmanager:GetSecretValue',
      ]),
    );
  });

  it('lets the decisions API only read: no table write, no queue, so it can change nothing', () => {
    const template = templateOf();

    const actions = actionsOf(template, fnId(template, 'decisions'));
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'secretsmanager:GetSecretValue']),
    );
    expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('sqs:'))).toEqual([]);
  });

  it('passes the secret ARN only to functions that may read it', () => {
    const template = templateOf();

    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: HTTP_FUNCTIONS.clickRedirect.description,
      Environment: { Variables: Match.objectLike({ [ENV.secretsArn]: Match.absent() }) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: HTTP_FUNCTIONS.timeline.description,
      Environment: { Variables: Match.objectLike({ [ENV.secretsArn]: Match.anyValue() }) },
    });
  });
});
