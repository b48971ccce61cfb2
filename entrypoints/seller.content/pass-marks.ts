/**
 * Measurements of the content script's passes for the bench and the e2e harness, written on
 * <html> (milliseconds, last pass):
 *   data-as-read-ms       reading the page (adapters): the work, summed over its slices
 *   data-as-read-task-ms  the read's longest slice (the whole read when it was done at once)
 *   data-as-mount-ms      read done → the first slice of badges mounted (a list's top rows,
 *                         what is on screen); includes the round trip to the worker
 *   data-as-mount-all-ms  read done → every badge mounted (the rest go in on later tasks)
 *   data-as-mount-task-ms the longest of those later slices of badges
 *   data-as-total-ms      read start → every badge mounted
 *   data-as-report-ms     the reportPage round trip alone (0 when the facts did not change)
 *   data-as-badges        badges on the page;  data-as-passes  passes so far
 *   data-as-rows          rows the pass read on their own (a row-by-row pass); 0: the whole page
 * All but the read are written together when a pass has finished (data-as-passes last).
 *
 * Only test and measured builds write them (`npm run build:measured`, vitest, `wxt` dev): in
 * a production build PASS_MARKS is the constant false and the bundler drops every mark
 * (test/unit/content/production-bundle.test.ts checks the built content script).
 */
const PASS_MARKS: boolean = import.meta.env.MODE !== 'production';

interface PassTimes {
  /** performance.now() at the read's start, its end, the first slice mounted, every badge mounted. */
  t0: number;
  t1: number;
  t2: number;
  t3: number;
  reportMs: number;
  badges: number;
  /** Rows read on their own (0: the whole page). */
  rows: number;
  passes: number;
  /** The longest slice of badges after the first (0: none). */
  longestSlice: number;
}

function mark(doc: Document, name: string, value: number): void {
  doc.documentElement.setAttribute(`data-as-${name}`, String(Math.round(value * 100) / 100));
}

/** `ms`: the read's work (the sum of its slices); `longestMs`: its longest slice (the whole read when done at once). */
export function markRead(doc: Document, ms: number, longestMs = ms): void {
  if (!PASS_MARKS) return;
  mark(doc, 'read-ms', ms);
  mark(doc, 'read-task-ms', longestMs);
}

export function markPass(doc: Document, p: PassTimes): void {
  if (!PASS_MARKS) return;
  mark(doc, 'mount-ms', p.t2 - p.t1);
  mark(doc, 'mount-all-ms', p.t3 - p.t1);
  mark(doc, 'mount-task-ms', p.longestSlice);
  mark(doc, 'total-ms', p.t3 - p.t0);
  mark(doc, 'report-ms', p.reportMs);
  mark(doc, 'badges', p.badges);
  mark(doc, 'rows', p.rows);
  mark(doc, 'passes', p.passes);
}
