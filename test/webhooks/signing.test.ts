import { describe, expect, it } from 'vitest';
import { isPrivateAddress, checkTargetUrl, newSecret, retryDelayMs, sign, signedHeaders, verifySignature } from '../../src/webhooks/index.js';
// The receiving example in docs/ must agree with the sender.
import { verify as exampleVerify } from '../../docs/examples/helpdesk-receiver.mjs';

describe('webhook signatures (Standard Webhooks)', () => {
  it("matches the scheme's published example", () => {
    // The example of the Standard Webhooks specification (standardwebhooks.com): same secret, id, time and body.
    const signature = sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies its own signatures, and refuses a changed body, another id, a stale or future timestamp, another secret', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const now = new Date('2026-12-05T10:00:00Z');
    const body = '{"id":"e1","type":"ticket.created"}';
    const headers = signedHeaders(secret, 'e1', body, now);
    expect(headers['webhook-timestamp']).toBe(String(Date.parse('2026-12-05T10:00:00Z') / 1000));
    expect(verifySignature(secret, headers, body, now)).toBe(true);
    expect(exampleVerify(secret, headers, body, now.getTime() / 1000)).toBe(true);
    expect(verifySignature(secret, headers, body.replace('created', 'closed'), now)).toBe(false);
    expect(verifySignature(secret, { ...headers, 'webhook-id': 'e2' }, body, now)).toBe(false);
    expect(verifySignature(secret, headers, body, new Date(now.getTime() + 6 * 60_000))).toBe(false);
    expect(exampleVerify(secret, headers, body, now.getTime() / 1000 + 6 * 60)).toBe(false);
    expect(verifySignature(secret, headers, body, new Date(now.getTime() - 6 * 60_000))).toBe(false);
    expect(verifySignature(newSecret(), headers, body, now)).toBe(false);
    // A rotation's several signatures: one valid is enough.
    expect(verifySignature(secret, { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` }, body, now)).toBe(true);
    expect(verifySignature(secret, { ...headers, 'webhook-signature': undefined }, body, now)).toBe(false);
  });
});

describe('webhook targets', () => {
  const strict = { allowHttp: false, allowPrivate: false };
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.5', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['::1', true],
    ['fd00:ec2::254', true],
    ['fe80::1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:127.0.0.1', true],
    ['8.8.8.8', false],
    ['20.190.128.1', false],
    ['2606:4700:4700::1111', false],
    ['::ffff:8.8.8.8', false],
    ['not an address', true],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('takes public https URLs and refuses the rest with a reason', () => {
    expect(checkTargetUrl(' https://helpdesk.example.com/hooks?x=1 ', strict).toString()).toBe('https://helpdesk.example.com/hooks?x=1');
    const refused = (url: string, policy = strict) => {
      try {
        checkTargetUrl(url, policy);
        return 'accepted';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(refused('helpdesk.example.com')).toMatch(/not valid/);
    expect(refused('http://helpdesk.example.com/')).toMatch(/https:\/\//);
    expect(refused('http://helpdesk.example.com/', { allowHttp: true, allowPrivate: false })).toBe('accepted');
    expect(refused('ftp://helpdesk.example.com/')).toMatch(/https:\/\//);
    expect(refused('https://user:pw@helpdesk.example.com/')).toMatch(/user name or password/);
    expect(refused('https://127.0.0.1/hook')).toMatch(/private, loopback or reserved/);
    expect(refused('https://[::1]/hook')).toMatch(/private, loopback or reserved/);
    expect(refused('https://169.254.169.254/latest/meta-data')).toMatch(/private, loopback or reserved/);
    expect(refused('https://localhost/hook')).toMatch(/local name/);
    expect(refused('https://metadata.google.internal/')).toMatch(/local name/);
    expect(refused('https://helpdesk.example.com:22/')).toMatch(/Port 22/);
    expect(refused('https://127.0.0.1/hook', { allowHttp: false, allowPrivate: true })).toBe('accepted');
  });
});

describe('webhook retries', () => {
  const policy = { baseSeconds: 30, maxSeconds: 6 * 3600, maxAttempts: 12 };
  it('back off exponentially with jitter, capped', () => {
    expect(retryDelayMs(1, policy, () => 1)).toBe(30_000);
    expect(retryDelayMs(2, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(5, policy, () => 1)).toBe(480_000);
    expect(retryDelayMs(20, policy, () => 1)).toBe(6 * 3600 * 1000);
    expect(retryDelayMs(3, policy, () => 0)).toBe(12_000);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, policy)));
    expect(spread.size).toBeGreaterThan(40);
    for (const d of spread) {
      expect(d).toBeGreaterThanOrEqual(24_000);
      expect(d).toBeLessThanOrEqual(240_000);
    }
  });
});
