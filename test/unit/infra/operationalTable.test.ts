import { Match } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { TABLE_INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../../shared/store/tableLayout.js';
import { templateOf } from '../../support/cdkStack.js';

describe('Construct: OperationalTable', () => {
  it('keys the table as shared/store/tableLayout.ts says, billed on demand', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
      ],
    });
  });

  it('turns on point-in-time recovery and encryption under the AWS-managed KMS key', () => {
    const template = templateOf();

    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      // SSEEnabled without a key id: KMS with aws/dynamodb (the default, owned key shows no SSESpecification).
      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
    });
  });

  it(`expires items on the ${TTL_ATTRIBUTE} attribute`, () => {
    const template = templateOf();

    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it.each(Object.values(TABLE_INDEXES))('has the $indexName index on $partitionKey / $sortKey', (index) => {
    const template = templateOf();

    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        {
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ]),
    });
  });

  it('has no index that tableLayout.ts does not list', () => {
    const template = templateOf();

    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.exact(
        Object.values(TABLE_INDEXES).map((index) => Match.objectLike({ IndexName: index.indexName })),
      ),
    });
  });

  it('survives a stack deletion and an accidental DeleteTable', () => {
    const template = templateOf();

    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });
});
