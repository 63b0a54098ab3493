import { z } from 'zod';
import { agentSettableStatuses } from '../handoff/index.js';
import { incidentInputSchema, incidentUpdateSchema } from '../serviceHealth/index.js';

/** Request bodies and query strings of the agent API, checked before anything else runs. */

export const messageBody = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(4000, 'at most 4000 characters'),
});

export const statusBody = z.strictObject({
  status: z.enum(agentSettableStatuses),
  note: z.string().trim().max(2000, 'at most 2000 characters').optional(),
});

export const queueQuery = z.object({
  unassigned: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const messagesQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
});

export const incidentsQuery = z.object({
  status: z.enum(['active', 'resolved']).optional(),
});

export const incidentCreateBody = incidentInputSchema.strict();

export const incidentPatchBody = incidentUpdateSchema.strict().refine((p) => Object.values(p).some((v) => v !== undefined), {
  message: 'give at least one of title, summary, userImpact, topics',
});

/** One line a caller can act on: every problem, with the field it concerns. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
