import { describe, expect, it } from 'vitest';
import { SECRET_NAMES } from '../../../shared/secrets/vendorSecrets.js';
import { resourcesOf, templateOf, vendorSecretId } from '../../support/cdkStack.js';

describe('Construct: VendorSecrets', () => {
  it('creates one secret with a slot for every vendor secret and a generated API key', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    const secret = template.toJSON().Resources[vendorSecretId(template)];
    const generate = secret.Properties.GenerateSecretString as {
      SecretStringTemplate: string;
      GenerateStringKey: string;
    };
    expect(generate.GenerateStringKey).toBe('API_KEY');
    const slots = Object.keys(JSON.parse(generate.SecretStringTemplate));
    expect([...slots, 'API_KEY'].sort()).toEqual([...SECRET_NAMES].sort());
  });

  it('puts no secret value in the template', () => {
    const template = templateOf();

    // Every secret of the stack: the vendor secret and the lake's generated PII salt.
    const secrets = resourcesOf(template, 'AWS::SecretsManager::Secret');
    expect(secrets.length).toBeGreaterThan(1);
    for (const [id, secret] of secrets) expect(secret.Properties.SecretString, id).toBeUndefined();
    const props = template.toJSON().Resources[vendorSecretId(template)].Properties as {
      GenerateSecretString: { SecretStringTemplate: string };
    };
    expect(Object.values(JSON.parse(props.GenerateSecretString.SecretStringTemplate))).toEqual(
      SECRET_NAMES.filter((name) => name !== 'API_KEY').map(() => ''),
    );
  });
});
