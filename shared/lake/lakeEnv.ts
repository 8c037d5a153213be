/** Environment variables of the lake export, named once so CDK and the job agree. */
export const LAKE_ENV = {
  /** AWS: the lake bucket (see lakeStore.ts). */
  bucket: 'LAKE_BUCKET',
  /**
   * AWS: ARN of the generated secret whose whole value is the PII salt. Unset (a laptop), the
   * salt is LAKE_PII_SALT from the vendor secrets: env or the local secrets file.
   */
  piiSaltSecretArn: 'LAKE_PII_SALT_SECRET_ARN',
} as const;
