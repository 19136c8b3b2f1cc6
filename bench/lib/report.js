'use strict';
/** DESIGN §7 targets, the verdicts, and the fixed-width table. */

/** Per workload kind; PostgreSQL may be 2× off (half the rate, twice the latency). RSS is the same for both. */
const TARGETS = {
  create: { minRps: 3000 },
  lookup: { minRps: 5000, maxP99: 25 },
  sync: { minRps: 3000 },
  list: { minRps: 600 },
  group: { minMembersPerSec: 20000, maxP99: 50 },
  mix: null,
};
const MAX_RSS_MB = 250;
/** "Flat from 1k to 1M": our reading is that the largest tenant keeps at least 80 % of the 1k req/s. */
const MIN_FLATNESS = 0.8;

function targetFor(kind, engine) {
  const base = TARGETS[kind];
  if (!base) return null;
  const slack = engine === 'postgres' ? 2 : 1;
  const t = {};
  if (base.minRps !== undefined) t.minRps = base.minRps / slack;
  if (base.maxP99 !== undefined) t.maxP99 = base.maxP99 * slack;
  if (base.minMembersPerSec !== undefined) t.minMembersPerSec = base.minMembersPerSec / slack;
  return t;
}

function describeTarget(t) {
  if (!t) return '—';
  const parts = [];
  if (t.minRps !== undefined) parts.push(`≥${fmtInt(t.minRps)}/s`);
  if (t.minMembersPerSec !== undefined) parts.push(`≥${fmtInt(t.minMembersPerSec)} mem/s`);
  if (t.maxP99 !== undefined) parts.push(`p99≤${t.maxP99}ms`);
  return parts.join(', ');
}

/** PASS / MISS (what missed) / — for a measured workload against its target. */
function verdictFor(w, t) {
  if (!t) return { pass: null, text: '—' };
  const missed = [];
  if (t.minRps !== undefined && w.reqPerSec < t.minRps) missed.push('rate');
  if (t.minMembersPerSec !== undefined && (w.membersPerSec ?? 0) < t.minMembersPerSec) missed.push('members/s');
  if (t.maxP99 !== undefined && w.latencyMs.p99 > t.maxP99) missed.push('p99');
  return missed.length === 0 ? { pass: true, text: 'PASS' } : { pass: false, text: `MISS (${missed.join(', ')})` };
}

const fmtInt = (n) => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : Math.round(n).toLocaleString('en-US'));
const fmtMs = (n) => (n === null || n === undefined ? 'n/a' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toString());
const fmtMb = (bytes) => (bytes === null || bytes === undefined ? 'n/a' : (bytes / 1048576).toFixed(0));
const fmtSize = (n) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : fmtInt(n));

/** A markdown table with padded columns (readable as plain text too). */
function table(headers, rows, rightAligned) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (text, i) => (rightAligned.has(i) ? String(text).padStart(widths[i]) : String(text).padEnd(widths[i]));
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned.has(i) ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

function resultsTable(results) {
  const headers = ['workload', 'stored users', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'peak RSS MB', 'vs calib.', 'also', 'target', 'verdict'];
  const rows = [];
  const cal = results.calibration;
  if (cal) {
    rows.push(['calibration (bare node:http)', '—', fmtInt(cal.reqPerSec), fmtMs(cal.latencyMs.p50), fmtMs(cal.latencyMs.p95), fmtMs(cal.latencyMs.p99), cal.non2xx, fmtMb(cal.peakRssBytes), '1.000', '', '', '']);
  }
  for (const w of results.workloads) {
    rows.push([
      w.label,
      w.storedUsers === null ? '—' : fmtSize(w.storedUsers),
      fmtInt(w.reqPerSec),
      fmtMs(w.latencyMs.p50),
      fmtMs(w.latencyMs.p95),
      fmtMs(w.latencyMs.p99),
      w.unexpectedNon2xx > 0 || w.errors > 0 ? `${w.non2xx} !` : String(w.non2xx),
      fmtMb(w.peakRssBytes),
      w.ratioToCalibration === null ? 'n/a' : w.ratioToCalibration.toFixed(3),
      w.also ?? '',
      describeTarget(w.target),
      w.verdict.text,
    ]);
  }
  return table(headers, rows, new Set([1, 2, 3, 4, 5, 6, 7, 8]));
}

module.exports = { targetFor, verdictFor, describeTarget, resultsTable, fmtInt, fmtMs, fmtMb, fmtSize, MAX_RSS_MB, MIN_FLATNESS };
