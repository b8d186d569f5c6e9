import { Page } from './page';

/** Account management: filled in by the admin feature. */
export function AdminHome() {
  return (
    <Page title="Accounts">
      <p>Create staff accounts, change roles and deactivate accounts here.</p>
    </Page>
  );
}
