import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { pascal } from './teamFunction.js';

export interface DailyChainProps {
  /** The daily jobs, in the order their inputs need (see DAILY_CHAIN in infra/routes.ts). */
  readonly steps: ReadonlyArray<{ readonly name: string; readonly fn: lambda.IFunction }>;
  /** @default every day at 03:00 UTC, after the day's last hourly export */
  readonly schedule?: events.Schedule;
  /** Of the whole chain. @default Duration.hours(2) */
  readonly timeout?: Duration;
}

/**
 * The daily jobs as one Step Functions chain: each step starts only when the one before has
 * succeeded, so a report never renders over a failed attribution. A step that fails is retried
 * once (every job rewrites its days, so a rerun is harmless); if it fails again the execution
 * fails, nothing after it runs, and Monitoring's alarm on failed executions pages. Every step
 * gets the execution's input: the schedule's envelope (each job takes its default days), or
 * `{ "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }` for a backfill started by hand.
 */
export class DailyChain extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: DailyChainProps) {
    super(scope, id);
    const [first, ...rest] = props.steps.map(({ name, fn }) =>
      new tasks.LambdaInvoke(this, pascal(name), {
        lambdaFunction: fn,
        comment: `Runs the ${name} job`,
        payload: sfn.TaskInput.fromJsonPathAt('$'),
        payloadResponseOnly: true,
        // Each step sees the execution's input, not the previous job's summary.
        resultPath: sfn.JsonPath.DISCARD,
        retryOnServiceExceptions: true,
      }).addRetry({ errors: ['States.ALL'], maxAttempts: 1, interval: Duration.minutes(2) }),
    );
    if (!first) throw new Error('a daily chain needs at least one step');
    const chain = rest.reduce<sfn.IChainable & sfn.INextable>((previous, step) => previous.next(step), first);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: `Daily jobs in order: ${props.steps.map((s) => s.name).join(' -> ')}`,
      definitionBody: sfn.DefinitionBody.fromChainable(chain),
      timeout: props.timeout ?? Duration.hours(2),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    // LambdaInvoke grants lambda:InvokeFunction on each function and its versions (`<arn>:*`).
    const stack = Stack.of(this);
    for (const { fn } of props.steps) {
      const logicalId = stack.resolve(
        stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction),
      ) as string;
      Validations.of(this.stateMachine.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason:
          'Step Functions invokes the job function by its ARN; the grant also names its versions (`:*`) so a qualified invoke works. One function per finding.',
      });
    }

    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by Step Functions for its tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*) and log delivery (logs:CreateLogDelivery and friends): these actions support no resource-level permissions.',
    });

    this.rule = new events.Rule(this, 'Schedule', {
      description: 'Starts the daily chain of lake jobs',
      schedule: props.schedule ?? events.Schedule.cron({ minute: '0', hour: '3' }),
      targets: [new targets.SfnStateMachine(this.stateMachine)],
    });
  }
}
