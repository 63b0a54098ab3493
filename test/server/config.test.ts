import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('runs with nothing set: port 3978, embedded database in ./data, local mode', () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({ PORT: 3978, DATA_DIR: './data', localMode: true });
    expect(cfg.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', { PORT: '8080' }, 8080],
    ['DATA_DIR', { DATA_DIR: '/var/lib/sa' }, '/var/lib/sa'],
    ['ADMIN_AAD_OBJECT_IDS', { ADMIN_AAD_OBJECT_IDS: ' a , b,,c ' }, ['a', 'b', 'c']],
    ['SEED_SAMPLE_INCIDENTS', { SEED_SAMPLE_INCIDENTS: 'no' }, false],
    ['DATABASE_URL', { DATABASE_URL: 'postgresql://u@h/db' }, 'postgresql://u@h/db'],
  ])('reads %s', (name, env, expected) => {
    expect((loadConfig(env) as Record<string, unknown>)[name]).toEqual(expected);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppId: '  ' })).toMatchObject({ PORT: 3978, localMode: true });
  });

  it('leaves local mode when an app id and password are set', () => {
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }).localMode).toBe(false);
  });

  it.each([
    [{ PORT: '-1' }, 'PORT'],
    [{ SEED_SAMPLE_INCIDENTS: 'maybe' }, 'SEED_SAMPLE_INCIDENTS'],
    [{ MicrosoftAppType: 'Weird' }, 'MicrosoftAppType'],
    [{ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
  ])('rejects %o naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it('never echoes a secret value in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db' })).toThrow(/^(?!.*hunter2)/);
  });
});
