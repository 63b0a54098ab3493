import { z } from 'zod';
import { callOutcomes } from '../tickets/index.js';

/** Requests and answers of the call-back routes (callbackRoutes.ts), registered by id for `npm run docs:openapi`. */

export const callBody = z
  .strictObject({
    outcome: z.enum(callOutcomes).meta({ description: '`reached` completes the call-back (and is the first response if none came before).' }),
    note: z.string().trim().max(2000).optional().meta({ description: 'What was said or agreed; agents only.' }),
  })
  .meta({ id: 'CallBody', description: "An agent's call to the admin and how it went." });

export const callbackItem = z
  .object({
    number: z.string(),
    severity: z.enum(['A', 'B', 'C']),
    status: z.string(),
    description: z.string(),
    reason: z.enum(['phone_preferred', 'nobody_online']).meta({ description: 'Why a call is due: the admin chose the phone, or nobody was online when it was filed.' }),
    requester: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }),
    language: z.string(),
    timeZone: z.string().nullable().meta({ description: "The admin's IANA zone as their channel reported it." }),
    timeZoneName: z.string().nullable().meta({ description: 'Its everyday name, e.g. "Central European Time".' }),
    localTime: z.string().nullable().meta({ description: "The admin's time now, e.g. \"14:05\"." }),
    callbackHours: z.string().nullable().meta({ description: 'When a call suits them, in their words.' }),
    createdAt: z.iso.datetime(),
    responseDueAt: z.iso.datetime().nullable(),
    lastCall: z.object({ outcome: z.enum(callOutcomes), note: z.string().nullable(), agentId: z.string(), at: z.iso.datetime() }).nullable(),
    calls: z.int().meta({ description: 'Calls recorded so far.' }),
  })
  .meta({ id: 'CallbackItem' });

export const callbackListResponse = z.object({ callbacks: z.array(callbackItem) }).meta({ id: 'CallbackListResponse' });

export const callRecordedResponse = z
  .object({ callback: callbackItem, done: z.boolean().meta({ description: 'True once a call reached the admin: the call-back leaves the list.' }) })
  .meta({ id: 'CallRecordedResponse' });
