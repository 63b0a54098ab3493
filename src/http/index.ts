export { HttpError, jsonBodyOrReply, readJsonBody, sendError } from './jsonBody.js';
export { createServer } from './server.js';
export { tokenBuckets, type TokenBucketOptions, type TokenBuckets } from './tokenBucket.js';
export { wellFormedText } from './wellFormedText.js';
