/** One line of the results table: a figure, its target, and the same-run baseline it is compared with. */
export interface Row {
  scenario: string;
  metric: string;
  value: number | string | null;
  unit: string;
  /** e.g. "≤ 15" */
  target?: string;
  baseline?: number | string | null;
  /** true / false against the target; undefined when there is none */
  pass?: boolean;
  note?: string;
}

const cell = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '—' : typeof value === 'number' ? formatNumber(value) : String(value);

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** A Markdown table: readable in a terminal and pasteable into docs/performance.md. */
export function renderTable(rows: Row[]): string {
  const header = ['scenario', 'metric', 'value', 'target', 'baseline', 'ratio', 'ok', 'note'];
  const lines = rows.map((row) => {
    const ratio =
      typeof row.value === 'number' && typeof row.baseline === 'number' && row.baseline > 0
        ? `${(row.value / row.baseline).toFixed(2)}×`
        : '';
    const unit = row.unit ? ` ${row.unit}` : '';
    return [
      row.scenario,
      row.metric,
      `${cell(row.value)}${row.value === null ? '' : unit}`,
      row.target ? `${row.target}${unit}` : '',
      row.baseline === undefined ? '' : `${cell(row.baseline)}${row.baseline === null ? '' : unit}`,
      ratio,
      row.pass === undefined ? '' : row.pass ? 'yes' : 'NO',
      row.note ?? '',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => `| ${cells.map((text, column) => text.padEnd(widths[column]!)).join(' | ')} |`;
  return [format(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}

/** ≤ target, when there is a figure. */
export const atMost = (value: number | null | undefined, target: number): boolean =>
  value !== null && value !== undefined && value <= target;
