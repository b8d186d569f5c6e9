/** A form-level error, announced as soon as it appears. Renders the live region even when empty, so it is announced reliably. */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div role="alert" className={message ? 'form-alert' : undefined}>
      {message}
    </div>
  );
}
