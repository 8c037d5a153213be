import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { glueColumns, gluePartitionKeys } from '../../shared/lake/glue.js';
import { type LakeTable, PARTITION_KEY } from '../../shared/lake/lakeTable.js';
import { NAMED_QUERIES_DIR, readNamedQueries } from '../../shared/lake/namedQueries.js';
import { LAKE_TABLES } from '../../shared/lake/tables/index.js';
import type { TeamFunction } from './teamFunction.js';

/** Every part lives under this prefix (shared/lake/partitions.ts); the rest of the bucket is free. */
const LAKE_PREFIX = 'lake/';
/** Rendered HTML reports (shared/report/reportJob.ts), beside the lake, never inside it. */
const REPORTS_PREFIX = 'reports/';
/** Where the workgroup keeps query results (and UNLOAD manifests) in the results bucket. */
const RESULTS_PREFIX = 'athena/';

/** Hive Parquet classes Athena reads the lake's files with. */
export const PARQUET_FORMAT = {
  inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
} as const;

/** Partition projection's form of the `dt=YYYY-MM-DD` folders (Java date pattern). */
export const PROJECTION_DATE_FORMAT = 'yyyy-MM-dd';

export interface AnalyticsLakeProps {
  /** Glue database of the lake tables. @default - the stack name in snake_case + `_lake`, e.g. `sms_revenue_lake` */
  readonly databaseName?: string;
  /** Athena workgroup analysts query in. @default - `<stack name>-analytics` */
  readonly workGroupName?: string;
  /**
   * First day partition projection offers: Athena only lists days from here to today, so a
   * query without a `dt` filter never plans thousands of empty days. @default '2024-01-01'
   */
  readonly firstDay?: string;
  /**
   * Bytes one query may scan before Athena cancels it (billing is per TB scanned), so a
   * forgotten `dt` filter on a grown lake costs cents, not dollars. @default 10 GiB
   */
  readonly bytesScannedCutoffPerQuery?: number;
  /** Folder of the named queries' `.sql` files. @default shared/lake/queries */
  readonly queriesDir?: string;
  /** How long Athena query results are kept. @default Duration.days(30) */
  readonly resultsRetention?: Duration;
  /** How long a replaced or deleted Parquet part stays recoverable. @default Duration.days(30) */
  readonly noncurrentVersionRetention?: Duration;
  /** How long the buckets' server access logs are kept. @default Duration.days(365) */
  readonly accessLogsRetention?: Duration;
}

/**
 * The analytics lake: Parquet in S3 as `lake/<table>/dt=YYYY-MM-DD/<part>.parquet`, one Glue
 * table per LAKE_TABLES entry (columns from the registry, partition projection on `dt`: no
 * crawler, no MSCK REPAIR), an Athena workgroup that enforces an encrypted result location and
 * a per-query scan cutoff, and one named query per `.sql` file in shared/lake/queries. The PII
 * salt of the lake's hashes is generated here, so a deploy needs no manual step.
 */
export class AnalyticsLake extends Construct {
  readonly bucket: s3.Bucket;
  readonly resultsBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
  /** The salt of the phone/email hashes: the whole secret value, generated, never rotated. */
  readonly piiSalt: secretsmanager.Secret;
  readonly database: glue.CfnDatabase;
  readonly databaseName: string;
  readonly tables: Record<string, glue.CfnTable>;
  readonly workGroup: athena.CfnWorkGroup;
  readonly namedQueries: Record<string, athena.CfnNamedQuery>;

  constructor(scope: Construct, id: string, props: AnalyticsLakeProps = {}) {
    super(scope, id);
    // Access logs are granted by a bucket policy for logging.s3.amazonaws.com, not the legacy
    // LogDeliveryWrite ACL: the buckets keep ACLs disabled (BucketOwnerEnforced).
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const stack = Stack.of(this);

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: props.accessLogsRetention ?? Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the server access log target of the lake and results buckets; logging it into itself would log every log delivery, and S3 does not allow a log chain to end anywhere else.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // A re-export replaces a day's parts (delete last): the old parts stay recoverable a while.
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'lake-bucket/',
      lifecycleRules: [
        {
          id: 'IntelligentTiering',
          // Old days are read rarely and unpredictably: Intelligent-Tiering moves each part to
          // the cheaper tiers by its own access pattern, with no retrieval fee.
          transitions: [
            { storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) },
          ],
          noncurrentVersionExpiration: props.noncurrentVersionRetention ?? Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      // The lake holds the only history of exports; deleting the stack must not delete it.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.resultsBucket = new s3.Bucket(this, 'ResultsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'athena-results/',
      lifecycleRules: [
        {
          id: 'ExpireResults',
          expiration: props.resultsRetention ?? Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.piiSalt = new secretsmanager.Secret(this, 'PiiSalt', {
      description:
        'Salt of the SHA-256 hashes that stand for phone numbers and emails in the analytics lake (the whole value). Never rotate it: a new salt gives every address a new hash and breaks joins across old and new partitions.',
      // 64 letters and digits: far over pii.ts's minimum, and safe in any encoding.
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Losing the salt makes every hash in the lake unjoinable with new ones.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.piiSalt).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The PII salt must never change: every lake partition hashes addresses with it, so a rotated salt would give each phone and email a second hash and break joins across days.',
    });

    this.databaseName = props.databaseName ?? `${snake(stack.stackName)}_lake`;
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: {
        name: this.databaseName,
        description:
          'SMS revenue analytics lake: Parquet tables partitioned by day (dt), defined in shared/lake/tables',
      },
    });

    const firstDay = props.firstDay ?? '2024-01-01';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(firstDay)) throw new Error(`firstDay "${firstDay}" must be YYYY-MM-DD`);
    this.tables = Object.fromEntries(
      LAKE_TABLES.map((table) => [table.name, this.glueTable(table, firstDay)]),
    );

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: props.workGroupName ?? `${stack.stackName}-analytics`,
      description: `Analysts' queries over the ${this.databaseName} Glue database`,
      state: 'ENABLED',
      // Stack deletion removes the workgroup with its saved queries and history.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        // Clients cannot point results elsewhere, turn encryption off or lift the cutoff.
        enforceWorkGroupConfiguration: true,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/${RESULTS_PREFIX}`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          expectedBucketOwner: stack.account,
        },
      },
    });

    this.namedQueries = Object.fromEntries(
      readNamedQueries(props.queriesDir ?? NAMED_QUERIES_DIR).map((query) => [
        query.id,
        new athena.CfnNamedQuery(this, `${pascalSnake(query.id)}Query`, {
          database: this.database.ref,
          workGroup: this.workGroup.ref,
          name: query.name,
          description: query.description,
          queryString: query.sql,
        }),
      ]),
    );
  }

  /**
   * Lets a function replace days of the lake (list and read a day's parts, put the new ones,
   * delete the old ones last: shared/lake/partitions.ts), only under `lake/`. Not the salt: only
   * a job that hashes addresses gets it (grantPiiSaltRead).
   */
  grantLakeWriter(fn: TeamFunction): void {
    this.bucket.grantReadWrite(fn.function, `${LAKE_PREFIX}*`);
    this.bucket.grantDelete(fn.function, `${LAKE_PREFIX}*`);
    const bucketId = this.logicalIdOf(this.bucket);
    this.acknowledgeWildcards(fn, {
      'Action::s3:GetObject*':
        'grantRead: GetObject and its version/tagging variants, on objects under lake/ of the lake bucket only; the export reads nothing else.',
      'Action::s3:GetBucket*':
        'grantRead: bucket-level reads (location, versioning) of the lake bucket alone, which the S3 client may need; no object or other bucket.',
      'Action::s3:List*':
        "grantRead: ListObjectsV2 of a day's prefix finds the parts a re-export replaces; on the lake bucket alone.",
      'Action::s3:DeleteObject*':
        'Replacing a day deletes its old parts last; only under lake/, and versioning keeps what is deleted for the noncurrent-version retention.',
      'Action::s3:Abort*':
        'AbortMultipartUpload under lake/ only, so a writer can clean up its own interrupted upload of a large part.',
      [`Resource::<${bucketId}.Arn>/${LAKE_PREFIX}*`]:
        'Parts are keyed lake/<table>/dt=<day>/part-<run>-<n>.parquet, a new key per run and day: the wildcard is limited to the lake/ prefix of this bucket.',
    });
  }

  /**
   * Lets a function read the lake (list and get under `lake/`) and put rendered reports under
   * `reports/` (shared/report/reportJob.ts); it can neither change the lake nor delete a report.
   */
  grantReportWriter(fn: TeamFunction): void {
    this.bucket.grantRead(fn.function, `${LAKE_PREFIX}*`);
    this.bucket.grantPut(fn.function, `${REPORTS_PREFIX}*`);
    const bucketId = this.logicalIdOf(this.bucket);
    this.acknowledgeWildcards(fn, {
      'Action::s3:GetObject*':
        'grantRead: GetObject and its version/tagging variants, on objects under lake/ of the lake bucket only: the report reads scorecards, lift_results and ltv_cohorts.',
      'Action::s3:GetBucket*':
        'grantRead: bucket-level reads (location, versioning) of the lake bucket alone, which the S3 client may need; no object or other bucket.',
      'Action::s3:List*':
        "grantRead: ListObjectsV2 finds a table's dt= partitions; on the lake bucket alone.",
      'Action::s3:Abort*':
        'grantPut: AbortMultipartUpload under reports/ only, so the writer can clean up its own interrupted upload.',
      [`Resource::<${bucketId}.Arn>/${LAKE_PREFIX}*`]:
        'Read-only: the report reads parts keyed lake/<table>/dt=<day>/part-*.parquet, so the wildcard is the lake/ prefix of this bucket.',
      [`Resource::<${bucketId}.Arn>/${REPORTS_PREFIX}*`]:
        'Put-only: one report per day at reports/dt=<day>/report.html, so the wildcard is the reports/ prefix of this bucket.',
    });
  }

  /** Lets a function read the PII salt: only what hashes phone numbers and emails into the lake. */
  grantPiiSaltRead(fn: TeamFunction): void {
    this.piiSalt.grantRead(fn.function);
  }

  /**
   * Lets a function run queries in the lake's workgroup over `tables` and UNLOAD their results
   * into the lake (which grantLakeWriter covers): start, poll and stop queries in this workgroup
   * alone; read the Glue catalog entries of the database and of those tables; write the query
   * results and UNLOAD manifests Athena keeps, under `athena/` of the results bucket.
   * @see https://docs.aws.amazon.com/athena/latest/ug/example-policies-workgroup.html
   * @see https://docs.aws.amazon.com/athena/latest/ug/fine-grained-access-to-glue-resources.html
   */
  grantAthenaQueries(fn: TeamFunction, tables: readonly string[]): void {
    const stack = Stack.of(this);
    for (const table of tables) {
      if (!this.tables[table]) throw new Error(`grantAthenaQueries: no lake table "${table}"`);
    }
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:StopQueryExecution'],
        resources: [
          stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroup.ref }),
        ],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions'],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: this.databaseName }),
          ...tables.map((table) =>
            stack.formatArn({
              service: 'glue',
              resource: 'table',
              resourceName: `${this.databaseName}/${table}`,
            }),
          ),
        ],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
        resources: [this.resultsBucket.bucketArn],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [this.resultsBucket.arnForObjects(`${RESULTS_PREFIX}*`)],
      }),
    );
    this.acknowledgeWildcards(fn, {
      [`Resource::<${this.logicalIdOf(this.resultsBucket)}.Arn>/${RESULTS_PREFIX}*`]:
        "Athena writes each query result and UNLOAD manifest under a new key (athena/<query id>.*) of the results bucket with the caller's credentials: the wildcard is that prefix of that bucket only.",
    });
  }

  /** A bucket's logical id, as cdk-nag names it in findings (`Resource::<Id.Arn>/prefix*`). */
  private logicalIdOf(bucket: s3.Bucket): string {
    const stack = Stack.of(this);
    return stack.resolve(stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)) as string;
  }

  /** Acknowledges each AwsSolutions-IAM5 finding on the function's role, with its reason. */
  private acknowledgeWildcards(fn: TeamFunction, reasons: Record<string, string>): void {
    for (const [finding, reason] of Object.entries(reasons)) {
      Validations.of(fn.role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }
  }

  /** `s3://<bucket>/lake/<table>/`: where the table's `dt=…` folders live. */
  tableLocation(table: Pick<LakeTable, 'name'>): string {
    return `s3://${this.bucket.bucketName}/${LAKE_PREFIX}${table.name}/`;
  }

  private glueTable(table: LakeTable, firstDay: string): glue.CfnTable {
    const location = this.tableLocation(table);
    return new glue.CfnTable(this, `${pascalSnake(table.name)}Table`, {
      catalogId: Stack.of(this).account,
      databaseName: this.database.ref,
      tableInput: {
        name: table.name,
        description: table.description,
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          classification: 'parquet',
          EXTERNAL: 'TRUE',
          'parquet.compression': 'SNAPPY',
          // Partition projection: Athena computes the days from these settings instead of
          // reading partitions from the catalog, so no crawler or MSCK REPAIR ever runs and a
          // day is queryable the moment its files land.
          'projection.enabled': 'true',
          [`projection.${PARTITION_KEY}.type`]: 'date',
          [`projection.${PARTITION_KEY}.format`]: PROJECTION_DATE_FORMAT,
          [`projection.${PARTITION_KEY}.range`]: `${firstDay},NOW`,
          [`projection.${PARTITION_KEY}.interval`]: '1',
          [`projection.${PARTITION_KEY}.interval.unit`]: 'DAYS',
          'storage.location.template': `${location}${PARTITION_KEY}=\${${PARTITION_KEY}}/`,
        },
        partitionKeys: gluePartitionKeys(table),
        storageDescriptor: {
          columns: glueColumns(table),
          location,
          inputFormat: PARQUET_FORMAT.inputFormat,
          outputFormat: PARQUET_FORMAT.outputFormat,
          serdeInfo: {
            serializationLibrary: PARQUET_FORMAT.serializationLibrary,
            parameters: { 'serialization.format': '1' },
          },
        },
      },
    });
  }
}

/** `SmsRevenue` -> `sms_revenue`: a Glue database name (lower case, digits, underscores). */
function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

/** `consent_ledger` -> `ConsentLedger`: a construct id. */
function pascalSnake(name: string): string {
  return name
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
