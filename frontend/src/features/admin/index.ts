// The admin console's public face: the admin route lazy-loads this, so patients never download it.
export { UsersPanel } from './components/users-panel';
export { AuditPanel } from './components/audit-panel';
export { StatsPanel } from './components/stats-panel';
export { ConsentPanel } from './components/consent-panel';
