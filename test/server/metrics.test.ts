import { expect, it } from 'vitest';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { useTestApp } from '../helpers/testApp.js';
import { groupedCountGauge } from '../../src/metrics.js';

const ctx = useTestApp();

it('serves Prometheus metrics for turns, latency, tickets, self-help and errors', async () => {
  await postActivity(ctx.app.url, messageActivity('metrics-1', 'hi', { channelId: 'sms' }));
  await ctx.db.query(
    'INSERT INTO self_help_outcomes (conversation_id, channel_id, topic, article_ids, resolved) VALUES (\'c\', \'sms\', \'accounts.passwords\', \'{a}\', true)',
  );
  const res = await fetch(`${ctx.app.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/plain/);
  const body = await res.text();
  expect(body).toMatch(/support_turns_total\{channel="sms",type="message"\} 1/);
  // The turn is in the latency histogram; which bucket depends on the machine's load, so not asserted.
  expect(body).toMatch(/support_turn_duration_seconds_count\{channel="sms"\} 1/);
  expect(body).toMatch(/support_turn_duration_seconds_bucket\{le="\+Inf",channel="sms"\} 1/);
  expect(body).toMatch(/support_self_help_outcomes\{resolved="true"\} 1/);
  expect(body).toContain('# TYPE support_tickets gauge');
  expect(body).toContain('# TYPE support_turn_errors_total counter');
  expect(body).toContain('support_assistant_process_resident_memory_bytes');
});

it("turns a module's grouped counts into labelled samples, one column per label", async () => {
  const gauge = groupedCountGauge({
    name: 'support_example',
    help: 'Example',
    labelNames: ['severity', 'resolved'],
    count: async () => ({ rows: [{ severity: 'A', resolved: true, n: 2 }, { severity: 'C', resolved: false, n: 0 }] }),
  });
  expect(gauge).toMatchObject({ name: 'support_example', help: 'Example', labelNames: ['severity', 'resolved'] });
  expect(await gauge.read()).toEqual([
    { labels: { severity: 'A', resolved: 'true' }, value: 2 },
    { labels: { severity: 'C', resolved: 'false' }, value: 0 },
  ]);
});
