export { HttpError, jsonBodyOrReply, readJsonBody, sendError } from './jsonBody.js';
export { createServer } from './server.js';
export { wellFormedText } from './wellFormedText.js';
