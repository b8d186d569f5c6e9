import type { Attachment } from '@telehealth/shared';
import { formatFileSize } from '../logic/labels';

interface AttachmentViewProps {
  attachment: Attachment;
  onOpenImage: (attachment: Attachment) => void;
}

/** An image as a thumbnail that opens larger; anything else (PDF) as a download chip. */
export function AttachmentView({ attachment, onOpenImage }: AttachmentViewProps) {
  const url = attachment.url;
  if (attachment.mimeType.startsWith('image/')) {
    return (
      <button
        type="button"
        className="attachment-thumbnail"
        aria-label={`Open image ${attachment.name}`}
        onClick={() => onOpenImage(attachment)}
      >
        <img src={url} alt="" loading="lazy" width={240} height={180} />
      </button>
    );
  }
  return (
    <a className="attachment-chip" href={url} download={attachment.name}>
      <span aria-hidden="true" className="attachment-chip-icon">
        PDF
      </span>
      <span className="attachment-chip-name">{attachment.name}</span>
      <span className="attachment-chip-size">{formatFileSize(attachment.size)}</span>
      <span className="visually-hidden">, download</span>
    </a>
  );
}
