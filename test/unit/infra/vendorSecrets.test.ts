import { describe, expect, it } from 'vitest';
import { SECRET_NAMES } from '../../../shared/secrets/vendorSecrets.js';
import { onlyResource, resourcesOf, templateOf } from '../../support/cdkStack.js';

describe('Construct: VendorSecrets', () => {
  it('creates one secret with a slot for every vendor secret and a generated API key', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    const secrets = resourcesOf(template, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const generate = secrets[0]![1].Properties.GenerateSecretString as {
      SecretStringTemplate: string;
      GenerateStringKey: string;
    };
    expect(generate.GenerateStringKey).toBe('API_KEY');
    const slots = Object.keys(JSON.parse(generate.SecretStringTemplate));
    expect([...slots, 'API_KEY'].sort()).toEqual([...SECRET_NAMES].sort());
  });

  it('puts no secret value in the template', () => {
    const template = templateOf();

    const [, secret] = onlyResource(template, 'AWS::SecretsManager::Secret');
    const props = secret.Properties as {
      SecretString?: string;
      GenerateSecretString: { SecretStringTemplate: string };
    };
    expect(props.SecretString).toBeUndefined();
    expect(Object.values(JSON.parse(props.GenerateSecretString.SecretStringTemplate))).toEqual(
      SECRET_NAMES.filter((name) => name !== 'API_KEY').map(() => ''),
    );
  });
});
