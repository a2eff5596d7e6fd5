import type { Debrief } from '../../../electron/engine/scoring/debrief-types';
import { debriefToMarkdown } from '../../../electron/engine/scoring/debrief-markdown';
import { debriefToHtml } from '../../../electron/engine/scoring/debrief-html';
import { downloadText } from '../app/download';

/** Returns a file name stem: "cents-after-partner-release-seed-20261125". */
function stem(d: Debrief): string {
  return `${d.scenario.id}-seed-${d.seed}`;
}

/** Downloads the debrief as a self-contained Markdown report. */
export function exportMarkdown(d: Debrief): void {
  downloadText(`${stem(d)}-debrief.md`, debriefToMarkdown(d), 'text/markdown');
}

/** Downloads the debrief as a self-contained HTML report (inline styles, no scripts, no links out). */
export function exportHtml(d: Debrief): void {
  downloadText(`${stem(d)}-debrief.html`, debriefToHtml(d), 'text/html');
}

/** Downloads the debrief object as JSON, for trainers. */
export function exportJson(d: Debrief): void {
  downloadText(`${stem(d)}-debrief.json`, `${JSON.stringify(d, null, 2)}\n`, 'application/json');
}
