import { useEffect, useRef } from 'react';

interface LightboxProps {
  /** null: closed */
  image: { src: string; name: string } | null;
  onClose: () => void;
}

/**
 * An image shown large in a modal `<dialog>`: the browser traps focus, Escape closes it, and focus
 * returns to what opened it. A click on the backdrop closes it too.
 */
export function Lightbox({ image, onClose }: LightboxProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (image && !dialog.open) dialog.showModal();
    if (!image && dialog.open) dialog.close();
  }, [image]);

  return (
    <dialog
      ref={dialogRef}
      className="lightbox"
      aria-label={image ? image.name : 'Image'}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) dialogRef.current?.close();
      }}
    >
      {image && (
        <figure className="lightbox-figure">
          <img src={image.src} alt={image.name} />
          <figcaption>{image.name}</figcaption>
        </figure>
      )}
      <form method="dialog">
        <button type="submit" className="button button-primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
