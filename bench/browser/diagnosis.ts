/**
 * The "why" of each missed target, in words, from what the run measured (the traces, the first frames, the
 * per-module profile, the bundle files). Facts only: which fix to make is the lead's call.
 */

import { medianSteps } from './measure-sign-in.ts';
import { type Results, TARGETS } from './report.ts';
import { summarize } from './summary.ts';

const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const med = (values: number[]) => summarize(values).median;

function coldStart(results: Results): string[] {
  const cold = results.coldStart;
  if (!cold) return [];
  const coldMs = med(cold.runs.map((r) => r.coldMs));
  const warmMs = med(cold.runs.map((r) => r.warmMs));
  if (coldMs < 50) return [];
  const lines = [`**Worker cold start (${f(coldMs)} ms, warm ${f(warmMs, 2)} ms).**`];
  if (cold.traces.length > 0) {
    const t = (key: keyof (typeof cold.traces)[number]) => med(cold.traces.map((trace) => trace[key]));
    lines.push(
      `Of a traced cold start (${f(t('roundTripMs'))} ms): ${f(t('outsideWorkerThreadMs'))} ms outside the worker thread ` +
        `(the browser starting the worker, routing the message and the answer), ${f(t('threadStartMs'))} ms starting the ` +
        `thread and its V8 isolate, ${f(t('compileMs'))} ms compiling background.js from the code cache, ` +
        `**${f(t('topLevelMs'))} ms running its top level** (${f(t('gcInTopLevelMs'))} ms of it garbage collection: the top ` +
        `level allocates a lot), then ${f(t('afterTopLevelMs'))} ms answering getState on a cold isolate ` +
        `(a warm answer takes ${f(warmMs, 2)} ms).`,
    );
  }
  const d = results.diagnosis;
  if (d) {
    const ours = d.modules.filter((m) => /^(utils|components|entrypoints)\//.test(m.module));
    const oursShare = ours.reduce((sum, m) => sum + m.share, 0);
    const zodShare = d.modules.find((m) => m.module === 'zod (library)')?.share ?? 0;
    const top = ours
      .slice(0, 5)
      .map((m) => `${m.module} ${f(m.share * 100, 0)}%`)
      .join(', ');
    const polyfill = d.modules.find((m) => m.module === 'webextension-polyfill')?.share ?? 0;
    lines.push(
      '',
      `What the top level runs (profiled on Node, see “The worker’s top level” below): ${f(oursShare * 100, 0)}% goes to our own ` +
        `modules' top levels (${top}), ${f(zodShare * 100, 0)}% to zod's own modules loading, ` +
        `${f(polyfill * 100, 0)}% to webextension-polyfill. Schemas are built on first use (\`z.lazy\`, one request ` +
        'schema per message type), so the top level builds none; a cold getState builds the stored-state schemas and ' +
        'parses what it reads, which is most of the time after the top level (zod constructing its schemas and ' +
        'running its parsers for the first time in the isolate, and the garbage collection that allocates). ' +
        '(Loading features with `import()` is not an option: MV3 service workers do not allow dynamic import.)',
    );
  }
  return lines;
}

const present = (values: Array<number | null>) => values.filter((v): v is number => v !== null);

function paint(results: Results): string[] {
  const lines: string[] = [];
  for (const [name, comparison] of [
    ['Popup paint, worker running', results.paint],
    ['Popup paint, worker stopped', results.paintStopped],
    [`Popup paint with ${results.scale?.connections ?? 20} connections`, results.scale?.paint],
  ] as const) {
    if (!comparison) continue;
    const popup = med(comparison.popup.map((r) => r.paintedMs));
    const blank = med(comparison.blank.map((r) => r.paintedMs));
    const busy = comparison.popup.filter((r) => r.frames.busyBefore > 0).length;
    if (popup / blank <= 1.2 && busy === 0) continue;
    const inDom = med(comparison.popup.map((r) => r.inDomMs));
    const fcp = med(comparison.popup.map((r) => r.fcpMs ?? Number.NaN));
    const before = [...new Set(comparison.popup.flatMap((r) => r.frames.before))];
    const load = (runs: typeof comparison.popup) => ({
      html: med(present(runs.map((r) => r.load.htmlMs))),
      dcl: med(present(runs.map((r) => r.load.domContentLoadedMs))),
    });
    const p = load(comparison.popup);
    const b = load(comparison.blank);
    const timed = comparison.popup.flatMap((r) => (r.getState ? [r.getState] : []));
    const bundle = results.bundle?.find((part) => part.part === 'popup');
    const served = comparison.popup.filter((r) => r.fromWorker).length;
    const prepainted = inDom < p.dcl;
    const parts = [
      `**${name} (${f(popup)} ms vs ${f(blank)} ms blank, ${f(popup / blank, 2)}×).** ` +
        `Both pages have their HTML at about the same time (${f(p.html)} vs ${f(b.html)} ms after navigation start). ` +
        (served > comparison.popup.length / 2
          ? `In ${served} of ${comparison.popup.length} runs the worker served the popup page with the kept frame in ` +
            `its HTML: the profile heading is in the DOM at ${f(inDom)} ms, as the blank page's heading is in its HTML, ` +
            `and the frame showing the whole signed-in view is presented at ${f(popup)} ms (blank ${f(blank)} ms). ` +
            'What the popup adds is the round trip to the worker for its HTML, a larger page to parse (its styles ' +
            'inline), and laying out and painting a full view rather than one heading.'
          : prepainted
            ? `The popup's profile heading is in the DOM at ${f(inDom)} ms, from the frame the last popup kept ` +
              '(popup-prepaint.js, one small script file, before the modules run; they finish at DOMContentLoaded, ' +
              `${f(p.dcl)} ms), and the frame showing the whole signed-in view is presented at ${f(popup)} ms. The blank ` +
              `page's heading is in its HTML: it waits for no file before its first frame, presented at ${f(blank)} ms ` +
              `(it has no script; its DOMContentLoaded is at ${f(b.dcl)} ms). What the popup adds is that one script file's round ` +
              'trip through the browser process, reading the kept frame, and laying out and painting a full view.'
            : 'Loading and running the popup’s scripts' +
              (bundle
                ? ` (${bundle.eager.filter((file) => file.file.endsWith('.js')).length} JS files, ` +
                  `${bundle.eager.filter((file) => file.file.endsWith('.js')).reduce((sum, file) => sum + file.bytes, 0)} B before gzip)`
                : '') +
              ` puts its DOMContentLoaded at ${f(p.dcl)} ms, against ${f(b.dcl)} ms for the blank page and its one small ` +
              `module; the popup's profile heading is in the DOM at ${f(inDom)} ms (its first render runs inside that ` +
              `script), and the frame showing it is presented at ${f(popup)} ms: ${f(popup - inDom)} ms to render and ` +
              'present the whole signed-in view. The blank page, whose heading is in its HTML, is presented at ' +
              `${f(blank)} ms.`),
    ];
    if (busy > 0) {
      parts.push(
        `In ${busy} of ${comparison.popup.length} runs the first frame (first contentful paint ${f(fcp)} ms) showed ` +
          `${before.map((t) => `“${t}”`).join(', ')}: the page had nothing to draw the profile from until the worker ` +
          'answered getState.',
      );
    } else {
      parts.push(
        'The first frame already shows the profile (from the state the popup kept from last time), so the worker ' +
          'is not on the path to the first paint' +
          (timed.length > 0
            ? `: its getState leaves at ${f(med(timed.map((g) => g.sentMs)))} ms and comes back at ` +
              `${f(med(timed.map((g) => g.answeredMs)))} ms, after the paint.`
            : '.'),
      );
    }
    if (comparison.floor && comparison.floor.length > 0) {
      const floor = med(comparison.floor.map((r) => r.paintedMs));
      const floorInDom = med(comparison.floor.map((r) => r.inDomMs));
      parts.push(
        `The floor page, one script file that reads the same kept frame and paints one heading (Manifest V3 allows no ` +
          `inline script, so no extension page can paint stored data with less), has its heading in the DOM at ` +
          `${f(floorInDom)} ms and painted at ${f(floor)} ms: ${f(floor / blank, 2)}× the blank page. The popup is ` +
          `${f(popup / floor, 2)}× the floor (${f(popup - floor)} ms more: its full view against one heading).`,
      );
    }
    lines.push(parts.join(' '));
  }
  return lines;
}

function signIn(results: Results): string[] {
  if (!results.signIn) return [];
  const latency = med(results.signIn.runs.map((r) => r.latencyMs));
  if (latency < 150) return [];
  const lines = [
    `**Sign-in (${f(latency)} ms).** From Approve the steps run in series: the consent form's POST and the ` +
      "emulator's redirect, the identity API handing the chromiumapp.org URL to the worker, the code exchange through " +
      'the proxy, `/me`, storing the connection, and the answer that lets the popup paint (the Gravatar look-up ' +
      'follows the answer, off the path).',
  ];
  if (results.signIn.steps.length > 0) {
    const m = medianSteps(results.signIn.steps);
    const network = m.consentAnswer + m.exchange + m.me;
    lines.push(
      `In the traced sign-ins (${f(m.latencyMs)} ms): the three requests on the path take ${f(network)} ms together ` +
        `(consent ${f(m.consentAnswer)}, exchange ${f(m.exchange)}, /me ${f(m.me)}); the rest is the browser and our ` +
        `code: the click reaching the browser ${f(m.clickToPost)} ms, **the redirect caught → the code sent ` +
        `${f(m.redirectToExchange)} ms** (the browser closing the consent window and resolving launchWebAuthFlow, then ` +
        `the worker reading and deleting the flow state), between the exchange and /me ${f(m.exchangeToMe)} ms, and ` +
        `**/me → the popup's painted frame ${f(m.meToPainted)} ms** (storing the connection, the answer, the popup's ` +
        'render and its frame; in the timed runs the heading is in the DOM ' +
        `${f(med(results.signIn.runs.map((r) => r.latencyMs - r.toDomMs)))} ms before its frame is painted).`,
    );
  }
  return lines;
}

function bundle(results: Results): string[] {
  const popup = results.bundle?.find((p) => p.part === 'popup');
  if (!popup || popup.eagerGzip < TARGETS.popupGzipBytes) return [];
  const files = [...popup.eager].sort((a, b) => b.gzipBytes - a.gzipBytes);
  return [
    `**Popup bundle (${popup.eagerGzip} B gzip).** Largest files loaded before it runs: ${files
      .slice(0, 4)
      .map((file) => `${file.file} ${file.gzipBytes} B`)
      .join(', ')}.`,
  ];
}

function scale(results: Results): string[] {
  const lines: string[] = [];
  if (results.scale) {
    const twenty = med(results.scale.warmGetState);
    const one = med(results.scale.warmOneConnection);
    if (twenty >= 16) {
      lines.push(
        `**getState with ${results.scale.connections} connections (${f(twenty, 2)} ms, ${f(one, 2)} ms with one).** The answer ` +
          'parses the whole stored list with zod and hashes each connection’s e-mail (Gravatar cache key) on every call.',
      );
    }
  }
  if (results.bigAnswer) {
    const big = results.bigAnswer.big;
    const painted = med(big.map((r) => r.paintedMs));
    const gap = med(big.map((r) => r.callMaxGapMs));
    if (painted >= 1000 || gap >= 100) {
      lines.push(
        `**The 1 MB answer (${f(painted)} ms to show, longest frame gap ${f(gap)} ms, longest task ` +
          `${f(med(big.map((r) => r.longestTaskMs)))} ms).** The worker reads, parses and pretty-prints the answer and ` +
          'sends it whole; the page receives it in one message and renders it in one go, showing ' +
          `${f(med(big.map((r) => r.shownChars)), 0)} characters.`,
      );
    }
  }
  return lines;
}

export function diagnose(results: Results): string[] {
  const sections = [coldStart(results), paint(results), signIn(results), bundle(results), scale(results)].filter(
    (lines) => lines.length > 0,
  );
  return sections.flatMap((lines) => [...lines, '']);
}
