import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** A dead-letter queue to watch, and what its alarm tells the person on call. */
export interface DeadLetterWatch {
  readonly queue: sqs.IQueue;
  /** What sits there and what to do, e.g. "Events failed processing …: inspect, fix, redrive." */
  readonly alarmDescription: string;
}

export interface MonitoringProps {
  readonly api: apigw.IHttpApi;
  /** Every function of the stack, by a name used in its alarm's id and description. */
  readonly functions: Record<string, lambda.IFunction>;
  /** The events queue, watched for a backlog. */
  readonly queue: sqs.IQueue;
  /** Dead-letter queues by a name used in their alarm's id, e.g. `Events`, `Send`. */
  readonly deadLetterQueues: Record<string, DeadLetterWatch>;
  /** Receives the alarms by email. @default - no subscription; subscribe to the topic yourself */
  readonly alarmEmail?: string;
  /** Share of API requests answered 5xx, in percent, that alarms. @default 5 */
  readonly serverErrorPercent?: number;
  /** The daily chain of lake jobs: a failed, timed-out or aborted run alarms. @default - none */
  readonly dailyChain?: sfn.IStateMachine;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms on what loses data or money: records in a dead-letter queue, a backlog on the
 * events queue, the API answering 5xx (vendors retry, then give up), and any function error.
 * All of them notify one encrypted SNS topic.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    // CloudWatch cannot publish to a topic under the AWS-managed aws/sns key (its policy can't
    // be changed), so the topic gets its own key that allows CloudWatch from this account.
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    for (const [name, watch] of Object.entries(props.deadLetterQueues)) {
      this.alarm(`${name}DeadLetters`, {
        alarmDescription: watch.alarmDescription,
        metric: watch.queue.metricApproximateNumberOfMessagesVisible({
          period: FIVE_MINUTES,
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    this.alarm('EventsBacklog', {
      alarmDescription:
        'The oldest event on the events queue is over 15 minutes old: the consumer is stuck or throttled.',
      metric: props.queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: 15 * 60,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });

    const percent = props.serverErrorPercent ?? 5;
    this.alarm('ApiServerErrorRate', {
      alarmDescription: `Over ${percent}% of API requests answered 5xx in two 5-minute periods running.`,
      metric: new cloudwatch.MathExpression({
        expression: '100 * errors / IF(requests > 0, requests, 1)',
        usingMetrics: {
          errors: props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          requests: props.api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        label: '5xx %',
        period: FIVE_MINUTES,
      }),
      threshold: percent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
    });

    if (props.dailyChain) {
      const chain = props.dailyChain;
      this.alarm('DailyChainFailed', {
        alarmDescription:
          'A daily run of the lake jobs (export -> attribution -> scorecards -> holdouts -> report) failed, timed out or was aborted: the steps after the failed one did not run. The execution history names the step and its error; fix, then start the state machine again (with {"from","to"} to backfill days).',
        metric: new cloudwatch.MathExpression({
          expression: 'failed + timedOut + aborted',
          usingMetrics: {
            failed: chain.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }),
            timedOut: chain.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' }),
            aborted: chain.metricAborted({ period: FIVE_MINUTES, statistic: 'Sum' }),
          },
          label: 'unsuccessful daily runs',
          period: FIVE_MINUTES,
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, {
        alarmDescription: `${name} threw (uncaught error or timeout).`,
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
  }

  private alarm(id: string, props: cloudwatch.AlarmProps): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
