// The audit module's public entry.
export { createAuditLog, type AuditLog, type AuditEntry } from './audit.service.js';
export { readAuditPage } from './audit-reads.js';
