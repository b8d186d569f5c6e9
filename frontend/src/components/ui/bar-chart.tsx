import { layoutBars, niceMax, ticks } from '../../lib/chart-scale';

export interface BarDatum {
  label: string;
  value: number;
}

interface BarChartProps {
  /** the chart's name, used as the data table's caption */
  title: string;
  /** one sentence describing what the chart shows, read instead of the picture */
  summary: string;
  data: readonly BarDatum[];
  /** the value column's heading in the data table */
  valueLabel: string;
  /** the label column's heading in the data table */
  categoryLabel: string;
  /** counts: the axis then shows whole numbers only */
  wholeNumbers?: boolean;
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 36, left: 36 };

/**
 * A bar chart drawn as inline SVG. The picture is one `role="img"` with a summary for screen
 * readers; the numbers themselves are in a visually hidden table right after it, so nobody has to
 * read values off bars.
 */
export function BarChart({ title, summary, data, valueLabel, categoryLabel, wholeNumbers = false }: BarChartProps) {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const tickCount = wholeNumbers ? 5 : 4;
  const max = niceMax(
    data.map((datum) => datum.value),
    wholeNumbers ? tickCount : 1,
  );
  const bars = layoutBars(
    data.map((datum) => datum.value),
    max,
    plotWidth,
    plotHeight,
  );
  // Every label fits on a wide chart; with many bars, label every other one.
  const labelEvery = data.length > 8 ? 2 : 1;

  return (
    <figure className="bar-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}. ${summary}`} preserveAspectRatio="xMidYMid meet">
        <g transform={`translate(${MARGIN.left} ${MARGIN.top})`} aria-hidden="true">
          {ticks(max, tickCount).map((tick) => {
            const y = plotHeight - (tick / max) * plotHeight;
            return (
              <g key={tick}>
                <line className="bar-chart-grid" x1={0} x2={plotWidth} y1={y} y2={y} />
                <text className="bar-chart-axis" x={-6} y={y} dy="0.32em" textAnchor="end">
                  {tick}
                </text>
              </g>
            );
          })}
          {bars.map((bar, index) => (
            <rect
              key={data[index]!.label}
              className="bar-chart-bar"
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={bar.height}
              rx={2}
            />
          ))}
          {data.map((datum, index) =>
            index % labelEvery === 0 ? (
              <text
                key={datum.label}
                className="bar-chart-axis"
                x={bars[index]!.x + bars[index]!.width / 2}
                y={plotHeight + 18}
                textAnchor="middle"
              >
                {datum.label}
              </text>
            ) : null,
          )}
        </g>
      </svg>
      <figcaption className="bar-chart-caption">{summary}</figcaption>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryLabel}</th>
            <th scope="col">{valueLabel}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((datum) => (
            <tr key={datum.label}>
              <th scope="row">{datum.label}</th>
              <td>{datum.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
