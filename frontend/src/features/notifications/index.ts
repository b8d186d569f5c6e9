// Attention alerts, shared by any feature that wants them (the queue, new messages): the app
// composes them with a feature's data, since features don't import each other.
export { badgeTitle } from './logic/title-badge';
export { newArrivals } from './logic/new-arrivals';
export type { AlertPermission } from './logic/desktop-notification';
export { usePageHidden } from './hooks/use-page-hidden';
export { useAlertPermission } from './hooks/use-alert-permission';
export { useAttentionAlerts, type AttentionAlert } from './hooks/use-attention-alerts';
export { useHiddenTabAlerts, type HiddenTabNotice } from './hooks/use-hidden-tab-alerts';
export { useNewArrivals } from './hooks/use-new-arrivals';
export { EnableAlertsButton } from './components/enable-alerts-button';
