import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct, type IConstruct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../shared/store/tableLayout.js';

export interface OperationalTableProps {
  /**
   * Who holds the encryption key: AWS_MANAGED (aws/dynamodb, auditable in CloudTrail) or
   * CUSTOMER_MANAGED when a key policy must restrict who can decrypt.
   * @default dynamodb.TableEncryption.AWS_MANAGED
   */
  readonly encryption?: dynamodb.TableEncryption.AWS_MANAGED | dynamodb.TableEncryption.CUSTOMER_MANAGED;
}

const S = dynamodb.AttributeType.STRING;

/**
 * The single operational table (events, links, identity, consent, counters), laid out from
 * shared/store/tableLayout.ts so the cloud table and the local dynalite table cannot drift.
 * It holds the only copy of raw phone numbers and emails: it is retained on stack deletion,
 * protected from deletion and recoverable to any second of the last 35 days.
 */
export class OperationalTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: OperationalTableProps = {}) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEY.partitionKey, type: S },
      sortKey: { name: TABLE_KEY.sortKey, type: S },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: props.encryption ?? dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const index of Object.values(TABLE_INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: S },
        sortKey: { name: index.sortKey, type: S },
        // Timeline and export read whole events from the index; ALL saves a second read per item.
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /**
   * Every grant on a table with indexes also covers `<table arn>/index/*` (cdk-nag IAM5).
   * Call this beside the grant, on the grantee, to acknowledge exactly that finding.
   */
  acknowledgeIndexGrant(grantee: IConstruct): void {
    const cfn = this.table.node.defaultChild as dynamodb.CfnTable;
    const logicalId = Stack.of(this).resolve(Stack.of(this).getLogicalId(cfn)) as string;
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
      reason: `Reads by phone, contact and day go through this table's own GSIs (${Object.keys(TABLE_INDEXES).join(', ')}); the wildcard covers only this table's indexes.`,
    });
  }
}
