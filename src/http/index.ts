export { HttpError, jsonBodyOrReply, readJsonBody, sendError } from './jsonBody.js';
export { isLoopbackAddress, isLoopbackHost } from './loopback.js';
export { createServer, type HttpServer } from './server.js';
export { tokenBuckets, type TokenBucketOptions, type TokenBuckets } from './tokenBucket.js';
export { refuseUpgrade, UpgradeRouter, type UpgradeHandler } from './upgrades.js';
export { wellFormedText } from './wellFormedText.js';
export { CLIENT_STRINGS_PATH, mountClientStrings } from './clientStrings.js';
export { mountWidgetStatus, readWidgetStatusQuery, WIDGET_STATUS_PATH, type WidgetStatusProvider, type WidgetStatusQuery } from './widgetStatus.js';
export { mountUnsubscribePage, type UnsubscribeHandler } from './unsubscribePage.js';
