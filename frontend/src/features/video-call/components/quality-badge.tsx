import { qualityLabel, type QualityAssessment } from '../logic/connection-quality';

/** Good / Fair / Poor, with the figures behind it for whoever wants them. */
export function QualityBadge({ quality }: { quality: QualityAssessment | null }) {
  const level = quality?.quality ?? 'unknown';
  const figures = [
    quality?.lossPercent != null ? `${quality.lossPercent.toFixed(1)} % loss` : null,
    quality?.roundTripTimeMs != null ? `${Math.round(quality.roundTripTimeMs)} ms round trip` : null,
  ].filter(Boolean);
  return (
    <span className="badge quality-badge" data-quality={level} title={figures.join(', ') || undefined}>
      <span className="quality-bars" aria-hidden="true" />
      {qualityLabel(level)}
      {figures.length > 0 && <span className="visually-hidden"> ({figures.join(', ')})</span>}
    </span>
  );
}
