import { z } from 'zod';

/**
 * The answers of the agent API's attachment routes (attachmentRoutes.ts), registered by id like those of
 * schemas.ts so `npm run docs:openapi` describes them. The requests carry no JSON: a file upload is the
 * raw bytes with the name in `X-File-Name`.
 */

export const attachmentResponse = z
  .object({
    id: z.string().meta({ description: 'Random and unguessable.' }),
    name: z.string().meta({ description: 'The file name, cleaned of path parts and control characters.' }),
    contentType: z.string().meta({ description: 'Sniffed from the content: image/png, image/jpeg, image/gif, image/webp, application/pdf or text/plain; charset=utf-8.' }),
    size: z.int().meta({ description: 'Bytes.' }),
    from: z.enum(['admin', 'agent']),
    agentId: z.string().nullable().meta({ description: 'The agent who sent it (files from agents).' }),
    delivery: z
      .enum(['sent', 'offered', 'accepted', 'declined', 'failed'])
      .nullable()
      .meta({ description: 'Files from agents: `sent` (widget), `offered` in Teams and then `accepted` or `declined` by the admin, or `failed`.' }),
    createdAt: z.iso.datetime(),
    downloadUrl: z.string().meta({ description: 'GET it with the same bearer token.', examples: ['/api/attachments/3q2-7wEjQ0mJb1cN5pE_aAhx'] }),
  })
  .meta({ id: 'Attachment', description: 'A file on a ticket.' });

export const attachmentListResponse = z.object({ attachments: z.array(attachmentResponse) }).meta({ id: 'AttachmentListResponse' });

export const attachmentSentResponse = z
  .object({ attachment: attachmentResponse, delivered: z.boolean().meta({ description: "False when the admin's conversation could not be reached." }) })
  .meta({ id: 'AttachmentSentResponse' });
