/** What shows while the app does not yet know who is signed in. */
export function LoadingScreen() {
  return (
    <div className="loading-screen" role="status">
      Loading…
    </div>
  );
}
