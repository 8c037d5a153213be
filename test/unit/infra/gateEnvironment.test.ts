import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_CONFIG_FILE, PROJECT_ROOT } from '../../../infra/constructs/teamFunction.js';
import {
  BUS_FUNCTIONS,
  HTTP_FUNCTIONS,
  SCHEDULED_FUNCTIONS,
  WORKER_FUNCTIONS,
} from '../../../infra/routes.js';
import { ConfigError, loadConfigFile, parseConfig } from '../../../shared/config/programConfig.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import {
  buildStack,
  bundledConfigOf,
  CONFIG_READERS,
  environmentOf,
  functionId,
  templateOf,
} from '../../support/cdkStack.js';

const EXAMPLE = join(PROJECT_ROOT, 'config/example.json');
const GATE_FUNCTIONS = CONFIG_READERS.gate;
const ALERT_FUNCTIONS = CONFIG_READERS.alerts;
const CONFIG_ONLY_FUNCTIONS = CONFIG_READERS.configOnly;
const CONFIG_FUNCTIONS = [...GATE_FUNCTIONS, ...ALERT_FUNCTIONS, ...CONFIG_ONLY_FUNCTIONS];
const OTHER_FUNCTIONS = [
  ...Object.values(HTTP_FUNCTIONS),
  ...Object.values(WORKER_FUNCTIONS),
  ...Object.values(BUS_FUNCTIONS),
  ...Object.values(SCHEDULED_FUNCTIONS),
].filter((spec) => !CONFIG_FUNCTIONS.some((reader) => reader.entry === spec.entry));

const dir = mkdtempSync(join(tmpdir(), 'gate-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The parts of config/example.json the tests change. */
interface EditableProgram {
  holdout: { rate: number };
  quietHours: { start: string };
}
interface EditableConfig {
  programs: { demo: EditableProgram } & Record<string, EditableProgram>;
}

/** Writes a variant of the example config to a temp file and returns its path. */
function configFile(name: string, edit: (config: EditableConfig) => void): string {
  const config = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as EditableConfig;
  edit(config);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** The error building the stack throws (fails the test if it builds). */
function synthError(props: Parameters<typeof buildStack>[0]): Error {
  try {
    buildStack(props);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the stack was built');
}

const envOf = (template: Template, description: string) =>
  environmentOf(template, functionId(template, description));

describe('Stack: program config for the send gate', () => {
  it.each(CONFIG_FUNCTIONS.map((spec) => [spec.entry, spec.description] as const))(
    'gives %s the validated example config in its bundle, named by CONFIG_FILE',
    (_entry, description) => {
      // GIVEN / WHEN
      const stack = buildStack();
      const environment = environmentOf(
        Template.fromStack(stack),
        functionId(Template.fromStack(stack), description),
      );

      // THEN: the file beside the handler, never the 4 KB-limited environment.
      expect(environment[ENV.configFile]).toBe(BUNDLED_CONFIG_FILE);
      expect(environment).not.toHaveProperty(ENV.appConfig);
      const shipped = bundledConfigOf(stack, description);
      expect(shipped).toEqual(loadConfigFile(EXAMPLE));
      // What the function does with it at start (shared/config/runtimeConfig.ts).
      expect(parseConfig(shipped, BUNDLED_CONFIG_FILE)).toEqual(loadConfigFile(EXAMPLE));
    },
  );

  it('gives the program config to no function that does not read it', () => {
    const stack = buildStack();
    const template = Template.fromStack(stack);

    for (const spec of OTHER_FUNCTIONS) {
      expect(envOf(template, spec.description), spec.entry).not.toHaveProperty(ENV.configFile);
      expect(bundledConfigOf(stack, spec.description), spec.entry).toBeUndefined();
    }
  });

  it('takes the config from the configFile prop', () => {
    const path = configFile('bigger-holdout.json', (config) => {
      config.programs.demo.holdout.rate = 0.25;
    });

    const stack = buildStack({ configFile: path });

    for (const spec of CONFIG_FUNCTIONS) {
      const config = bundledConfigOf(stack, spec.description) as EditableConfig;
      expect(config.programs.demo.holdout.rate, spec.entry).toBe(0.25);
    }
  });

  it('fails the synth with the ConfigError listing every problem of a bad config', () => {
    const path = configFile('bad.json', (config) => {
      config.programs.demo.holdout.rate = 0.9;
      config.programs.demo.quietHours.start = '25:00';
    });

    const error = synthError({ configFile: path });

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`${path} is invalid`);
    expect(error.message).toMatch(/programs\.demo\.holdout\.rate: /);
    expect(error.message).toMatch(/programs\.demo\.quietHours\.start: time of day as HH:MM/);
  });

  it('fails the synth when the config file cannot be read or parsed', () => {
    const missing = join(dir, 'missing.json');
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, '{ "version": 1,');

    expect(synthError({ configFile: missing })).toBeInstanceOf(ConfigError);
    expect(synthError({ configFile: missing }).message).toContain(`cannot read config file ${missing}`);
    expect(synthError({ configFile: notJson }).message).toContain(`${notJson} is not valid JSON`);
  });

  it('ships a config far beyond the 4 KB Lambda environment limit', () => {
    const path = configFile('big.json', (config) => {
      for (let n = 1; n <= 12; n += 1) config.programs[`demo${n}`] = config.programs.demo;
    });
    expect(readFileSync(path).length).toBeGreaterThan(4096 * 4);

    const stack = buildStack({ configFile: path });

    const config = bundledConfigOf(stack, HTTP_FUNCTIONS.messages.description) as EditableConfig;
    const example = loadConfigFile(EXAMPLE);
    expect(Object.keys(config.programs)).toHaveLength(Object.keys(example.programs).length + 12);
  });

  it('sets the vendor API base URLs on the gate functions only when given', () => {
    const given = templateOf({
      twilioApiBaseUrl: 'https://twilio-proxy.example.com',
      telnyxApiBaseUrl: 'https://telnyx-proxy.example.com',
    });
    const defaults = templateOf();

    for (const spec of GATE_FUNCTIONS) {
      expect(envOf(given, spec.description), spec.entry).toMatchObject({
        [ENV.twilioApiBaseUrl]: 'https://twilio-proxy.example.com',
        [ENV.telnyxApiBaseUrl]: 'https://telnyx-proxy.example.com',
      });
      const env = envOf(defaults, spec.description);
      expect(env, spec.entry).not.toHaveProperty(ENV.twilioApiBaseUrl);
      expect(env, spec.entry).not.toHaveProperty(ENV.telnyxApiBaseUrl);
    }
    for (const spec of [...ALERT_FUNCTIONS, ...CONFIG_ONLY_FUNCTIONS]) {
      expect(envOf(given, spec.description), spec.entry).not.toHaveProperty(ENV.twilioApiBaseUrl);
      expect(envOf(given, spec.description), spec.entry).not.toHaveProperty(ENV.telnyxApiBaseUrl);
    }
  });

  it('sets the Slack API base URL on the alert functions only, and only when given', () => {
    const given = templateOf({ slackApiBaseUrl: 'https://slack-proxy.example.com/api/' });
    const defaults = templateOf();

    for (const spec of ALERT_FUNCTIONS) {
      expect(envOf(given, spec.description)[ENV.slackApiBaseUrl], spec.entry).toBe(
        'https://slack-proxy.example.com/api/',
      );
      expect(envOf(defaults, spec.description), spec.entry).not.toHaveProperty(ENV.slackApiBaseUrl);
    }
    for (const spec of [...GATE_FUNCTIONS, ...CONFIG_ONLY_FUNCTIONS, ...OTHER_FUNCTIONS]) {
      expect(envOf(given, spec.description), spec.entry).not.toHaveProperty(ENV.slackApiBaseUrl);
    }
  });

  it('refuses a Slack API base URL without https (it carries the bot token)', () => {
    expect(synthError({ slackApiBaseUrl: 'http://slack-proxy.example.com/api/' }).message).toMatch(
      /SLACK_API_BASE_URL must use https/,
    );
  });

  it.each([
    ['http://twilio-proxy.example.com', /TWILIO_API_BASE_URL must use https/],
    ['twilio-proxy.example.com', /TWILIO_API_BASE_URL must be an absolute URL/],
  ])('refuses the vendor API base URL %s', (url, message) => {
    expect(synthError({ twilioApiBaseUrl: url }).message).toMatch(message);
  });
});
