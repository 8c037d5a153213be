import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { pascal } from '../../../infra/constructs/teamFunction.js';
import { DAILY_CHAIN, SCHEDULED_FUNCTIONS } from '../../../infra/routes.js';
import { functionId, resourcesOf, templateOf } from '../../support/cdkStack.js';

/** The state machine's definition with every Fn::GetAtt of a function's ARN replaced by its logical id. */
function definitionOf(template: ReturnType<typeof templateOf>) {
  const [[id, machine]] = resourcesOf(template, 'AWS::StepFunctions::StateMachine') as [
    [string, { Properties: { DefinitionString: unknown } }],
  ];
  const parts = (machine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  const text = parts
    .map((part) =>
      typeof part === 'string' ? part : `<${(part as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]}>`,
    )
    .join('');
  return {
    id,
    definition: JSON.parse(text) as {
      StartAt: string;
      States: Record<
        string,
        {
          Next?: string;
          End?: boolean;
          Resource?: string;
          Parameters?: unknown;
          Retry?: unknown[];
          ResultPath?: unknown;
        }
      >;
    },
  };
}

describe('Construct: DailyChain', () => {
  it('runs the daily jobs one after the other in DAILY_CHAIN order, each on the execution input', () => {
    // GIVEN / WHEN
    const template = templateOf();
    const { definition } = definitionOf(template);

    // THEN
    const order: string[] = [];
    for (let state: string | undefined = definition.StartAt; state; state = definition.States[state]?.Next)
      order.push(state);
    expect(order).toEqual(DAILY_CHAIN.map(pascal));
    for (const name of DAILY_CHAIN) {
      const state = definition.States[pascal(name)]!;
      const fnId = functionId(template, SCHEDULED_FUNCTIONS[name].description);
      expect(state.Resource).toBe(`<${fnId}>`);
      expect(state.Parameters).toBe('$');
      expect(state.ResultPath).toBeNull();
      expect(state.Retry).toEqual(
        expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 1 })]),
      );
    }
    expect(definition.States[pascal(DAILY_CHAIN.at(-1)!)]!.End).toBe(true);
  });

  it('is started once a day at 03:00 UTC, and the daily jobs have no schedule of their own', () => {
    const template = templateOf();
    const { id } = definitionOf(template);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      Targets: [Match.objectLike({ Arn: { Ref: id } })],
    });
    for (const name of DAILY_CHAIN.filter((n) => SCHEDULED_FUNCTIONS[n].everyMinutes >= 1440)) {
      const fnId = functionId(template, SCHEDULED_FUNCTIONS[name].description);
      const rules = resourcesOf(template, 'AWS::Events::Rule').filter(([, rule]) =>
        JSON.stringify(rule.Properties.Targets).includes(fnId),
      );
      expect(rules).toHaveLength(0);
    }
  });

  it('logs every run, traces it, and alarms when a run fails, times out or is aborted', () => {
    const template = templateOf();
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
    const { id } = definitionOf(template);
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(([alarmId]) =>
      alarmId.includes('DailyChainFailed'),
    );
    expect(alarms).toHaveLength(1);
    const alarm = alarms[0]![1].Properties as {
      Metrics: Array<{
        Expression?: string;
        MetricStat?: { Metric: { MetricName: string; Dimensions: unknown[] } };
      }>;
      AlarmActions: unknown[];
      Threshold: number;
    };
    expect(alarm.Metrics.find((m) => m.Expression)?.Expression).toBe('failed + timedOut + aborted');
    expect(
      alarm.Metrics.filter((m) => m.MetricStat)
        .map((m) => m.MetricStat!.Metric.MetricName)
        .sort(),
    ).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
    expect(JSON.stringify(alarm.Metrics)).toContain(id);
    expect(alarm.Threshold).toBe(0);
    expect(alarm.AlarmActions).toHaveLength(1);
  });
});
