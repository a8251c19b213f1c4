// The security gate: Electronegativity over our sources (src/) and, when built, what ships (out/).
// Electronegativity always exits 0, so this reads its report and decides:
//   - any HIGH finding fails (there is no way to review one away);
//   - every MEDIUM finding must match an entry of security/electronegativity-reviewed.json, which
//     says why it is acceptable; an entry that matches nothing any more fails too (the list stays true);
//   - a file Electronegativity could not parse fails (it was not checked);
//   - LOW and informational findings are printed, not gated.
// Run: `npx tsx scripts/check-security.ts` (exit 1 on failure; --json prints the verdict as JSON).
// The CSV report of each scan is written to test-artifacts/electronegativity-<target>.csv.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
export type ScanTarget = 'src' | 'out';

export interface Finding {
  target: ScanTarget;
  check: string;
  severity: Severity;
  confidence: string;
  /** Relative to the scanned folder, e.g. main/shell/window.ts. */
  file: string;
  line: number;
  sample: string;
  description: string;
}

export interface ScanError {
  target: ScanTarget;
  file: string;
  message: string;
}

export interface ReviewedFinding {
  check: string;
  target: ScanTarget;
  /** The file, relative to the scanned folder; `*` matches any run of characters (hashed bundle names). */
  file: string;
  /** Part of the flagged line, so a review covers that use and not every future one in the file. */
  sample?: string;
  reason: string;
}

export interface GateVerdict {
  ok: boolean;
  high: Finding[];
  unreviewed: Finding[];
  stale: ReviewedFinding[];
  unscanned: ScanError[];
  reviewed: Array<{ finding: Finding; reason: string }>;
  low: Finding[];
}

/** Electron as package.json pins it: the tool's defaults (sandbox, isolation) depend on the version. */
export function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

interface RawIssue {
  file: string;
  location: { line: number; column: number };
  id: string;
  description: string;
  severity: { name: Severity };
  confidence: { name: string };
  sample?: string;
}
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<{ issues: RawIssue[]; errors: Array<{ file: string; message: string; tolerable: boolean }> }>;

/** One Electronegativity scan, through its own runner (the CLI drops parse errors when it writes a report). */
export async function scan(target: ScanTarget, reportFile?: string): Promise<{ findings: Finding[]; errors: ScanError[] }> {
  const run = require('@doyensec/electronegativity/dist/runner.js') as Runner;
  const result = await run(
    {
      input: join(root, target),
      output: reportFile,
      isSarif: false,
      isRelative: true,
      electronVersionOverride: electronVersion(),
      // This global check downloads Electron's release list from the internet (unreachable here and
      // in CI); the Electron version is kept current through package.json instead.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      customScan: [],
    },
    false,
  );
  return {
    findings: result.issues.map((issue) => ({
      target,
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file.replace(/\\/g, '/'),
      line: issue.location.line,
      sample: issue.sample ?? '',
      description: issue.description,
    })),
    errors: result.errors.filter((e) => !e.tolerable).map((e) => ({ target, file: e.file, message: e.message })),
  };
}

function fileMatches(pattern: string, file: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(file);
}

export function matchesReview(review: ReviewedFinding, finding: Finding): boolean {
  return (
    review.check === finding.check &&
    review.target === finding.target &&
    fileMatches(review.file, finding.file) &&
    (review.sample === undefined || finding.sample.includes(review.sample))
  );
}

/** The gate's decision on a set of findings (pure: tested with made-up findings too). */
export function evaluate(findings: Finding[], errors: ScanError[], reviews: ReviewedFinding[]): GateVerdict {
  const high = findings.filter((f) => f.severity === 'HIGH');
  const medium = findings.filter((f) => f.severity === 'MEDIUM');
  const reviewed: GateVerdict['reviewed'] = [];
  const unreviewed: Finding[] = [];
  for (const finding of medium) {
    const review = reviews.find((r) => matchesReview(r, finding));
    if (review && review.reason.trim().length >= 20) reviewed.push({ finding, reason: review.reason });
    else unreviewed.push(finding);
  }
  const stale = reviews.filter((r) => !medium.some((f) => matchesReview(r, f)));
  const low = findings.filter((f) => f.severity === 'LOW' || f.severity === 'INFORMATIONAL');
  return { ok: high.length === 0 && unreviewed.length === 0 && stale.length === 0 && errors.length === 0, high, unreviewed, stale, unscanned: errors, reviewed, low };
}

export function loadReviews(file = join(root, 'security', 'electronegativity-reviewed.json')): ReviewedFinding[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { reviewed: ReviewedFinding[] };
  return parsed.reviewed;
}

/** Scan src/ (and out/ when built), then judge the findings against the reviewed list. */
export async function runGate(options: { requireBuild?: boolean } = {}): Promise<GateVerdict & { targets: ScanTarget[] }> {
  const targets: ScanTarget[] = ['src'];
  const built = existsSync(join(root, 'out', 'main', 'index.js'));
  if (built) targets.push('out');
  else if (options.requireBuild) throw new Error('out/ is missing: run `npm run build` before the security gate.');
  const artifacts = join(root, 'test-artifacts');
  mkdirSync(artifacts, { recursive: true });
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  for (const target of targets) {
    const result = await scan(target, join(artifacts, `electronegativity-${target}.csv`));
    findings.push(...result.findings);
    errors.push(...result.errors);
  }
  return { ...evaluate(findings, errors, loadReviews()), targets };
}

export function describeVerdict(verdict: GateVerdict): string {
  const where = (f: Finding) => `${f.target}/${f.file}:${f.line} ${f.check} — ${f.sample || f.description}`;
  const lines = [`Electronegativity gate: ${verdict.ok ? 'PASSED' : 'FAILED'}`];
  for (const f of verdict.high) lines.push(`  HIGH (never allowed): ${where(f)}`);
  for (const f of verdict.unreviewed) lines.push(`  MEDIUM not reviewed (add it with a reason to security/electronegativity-reviewed.json, or fix it): ${where(f)}`);
  for (const r of verdict.stale) lines.push(`  reviewed entry that matches no finding any more (remove it): ${r.target}/${r.file} ${r.check} ${r.sample ?? ''}`);
  for (const e of verdict.unscanned) lines.push(`  could not parse, so not checked: ${e.target}/${e.file}: ${e.message}`);
  for (const { finding, reason } of verdict.reviewed) lines.push(`  reviewed MEDIUM: ${where(finding)}\n      because: ${reason}`);
  for (const f of verdict.low) lines.push(`  ${f.severity.toLowerCase()} (not gated): ${where(f)}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  // Electronegativity prints progress notes with console.log; keep stdout for the verdict.
  const log = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  const verdict = await runGate({ requireBuild: process.env.CI === 'true' }).finally(() => (console.log = log));
  console.log(process.argv.includes('--json') ? JSON.stringify(verdict, null, 2) : describeVerdict(verdict));
  process.exitCode = verdict.ok ? 0 : 1;
}
