import { z } from 'zod';

/**
 * Vendor secrets and the ops API key, keyed by the environment variable that overrides each
 * one. In AWS they live in one Secrets Manager secret (JSON with these keys); on a laptop in
 * `DATA_DIR/secrets.json`. A missing secret makes its vendor's requests fail with 401.
 */
export const VendorSecretsSchema = z
  .object({
    /** Twilio account SID (AC…) for sending through the Messages API. */
    TWILIO_ACCOUNT_SID: z.string(),
    TWILIO_AUTH_TOKEN: z.string(),
    /** Telnyx API v2 key (KEY…) for sending. */
    TELNYX_API_KEY: z.string(),
    TELNYX_PUBLIC_KEY: z.string(),
    VONAGE_SIGNATURE_SECRET: z.string(),
    PLIVO_AUTH_TOKEN: z.string(),
    BANDWIDTH_USERNAME: z.string(),
    BANDWIDTH_PASSWORD: z.string(),
    /** Comma-separated: during a rotation both the old and the new secret verify. */
    GENERIC_WEBHOOK_SECRET: z.string(),
    HUBSPOT_CLIENT_SECRET: z.string(),
    /** Comma-separated allow-list of 15- or 18-character Salesforce organization ids. */
    SALESFORCE_ORG_ID: z.string(),
    PIPEDRIVE_USERNAME: z.string(),
    PIPEDRIVE_PASSWORD: z.string(),
    SENDGRID_VERIFICATION_KEY: z.string(),
    API_KEY: z.string(),
    /** Slack: incoming webhook URLs per route, a bot token, and the app's signing secret. */
    SLACK_WEBHOOK_URL: z.string(),
    SLACK_MANAGER_WEBHOOK_URL: z.string(),
    SLACK_BOT_TOKEN: z.string(),
    /** Comma-separated during a rotation. */
    SLACK_SIGNING_SECRET: z.string(),
    /**
     * Salt of the SHA-256 hashes that stand for phone numbers and emails in the analytics lake.
     * Secret (a number is found from its hash by enumeration without it) and never rotated: a
     * new salt gives every address a new hash, so joins across old and new partitions break.
     */
    LAKE_PII_SALT: z.string(),
  })
  .partial();

export type VendorSecrets = z.infer<typeof VendorSecretsSchema>;
export type SecretName = keyof VendorSecrets;
export const SECRET_NAMES = Object.keys(VendorSecretsSchema.shape) as SecretName[];

/** Splits a comma-separated secret into its values, so secrets can rotate without downtime. */
export function secretList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
