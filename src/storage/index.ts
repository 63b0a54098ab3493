export { DataDirInUseError } from './dataDirLock.js';
export { type Db, isUniqueViolation, type Queryable } from './db.js';
export { openDatabase } from './openDatabase.js';
export { perTickBatch } from './perTickBatch.js';
export { startRetentionJob } from './retention.js';
export { DatabaseStorage } from './stateStorage.js';
export { botStateRetention } from './stateStorage.js';
export { type RetentionJob, type RetentionResult, type RetentionStep } from './retention.js';
export { listenForNotifications, MAX_NOTIFICATION_BYTES, notificationChannel, notify, type Listening } from './pgNotifications.js';
