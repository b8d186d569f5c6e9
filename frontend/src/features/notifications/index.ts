// Attention alerts, shared by any feature that wants them (the queue now, chat later): the app
// composes them with a feature's data, since features don't import each other.
export { badgeTitle } from './logic/title-badge';
export { newArrivals } from './logic/new-arrivals';
export { usePageHidden } from './hooks/use-page-hidden';
export { useAttentionAlerts, type AttentionAlert, type AlertPermission } from './hooks/use-attention-alerts';
export { useNewArrivals } from './hooks/use-new-arrivals';
export { EnableAlertsButton } from './components/enable-alerts-button';
