import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SECRET_NAMES } from '../../shared/secrets/vendorSecrets.js';

/**
 * One Secrets Manager secret holding the vendor secrets as JSON, keyed as in
 * shared/secrets/vendorSecrets.ts. It is created with every key present and empty (an empty
 * value makes that vendor's requests fail with 401 until ops paste the vendor's token) and a
 * generated ops API key, so no secret value ever passes through the template or the repo.
 */
export class VendorSecrets extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const emptySlots = Object.fromEntries(
      SECRET_NAMES.filter((name) => name !== 'API_KEY').map((n) => [n, '']),
    );

    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `Vendor webhook secrets and the ops API key (JSON keys: ${SECRET_NAMES.join(', ')})`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify(emptySlots),
        generateStringKey: 'API_KEY',
        passwordLength: 40,
        excludePunctuation: true,
      },
    });

    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Vendor tokens are rotated at the vendor (Twilio, HubSpot, SendGrid consoles), not by a Lambda here; the comma-separated form lets the old and the new value verify together during a rotation.',
    });
  }
}
