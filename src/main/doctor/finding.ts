// One doctor check's outcome, with what it means for the exit code (cli.md): a rejected credential
// or scope is exit 3, an unreachable or throttling server exit 4, anything else that fails exit 1.
// `cause` stays inside the main process; the CLI, the window and the diagnostics get DoctorCheck.
import type { DoctorCheck, DoctorReport } from '../../shared/doctor';
import { ExitCode } from '../cli/exit-codes';
import type { ErrorKind } from '../errors';

export type FailureCause = 'credentials' | 'unreachable';

export interface Finding extends DoctorCheck {
  cause?: FailureCause;
}

export const pass = (name: string, message: string): Finding => ({ name, status: 'pass', message });
export const warn = (name: string, message: string, fix?: string): Finding => ({ name, status: 'warn', message, ...(fix ? { fix } : {}) });
export const fail = (name: string, message: string, fix?: string, cause?: FailureCause): Finding => ({
  name,
  status: 'fail',
  message,
  ...(fix ? { fix } : {}),
  ...(cause ? { cause } : {}),
});

/** The exit-code cause of a SyncError kind: auth → credentials, network/throttled → unreachable. */
export function causeOf(kind: ErrorKind | undefined): FailureCause | undefined {
  if (kind === 'auth') return 'credentials';
  if (kind === 'network' || kind === 'throttled') return 'unreachable';
  return undefined;
}

export function doctorExitCode(findings: Finding[]): number {
  const failed = findings.filter((f) => f.status === 'fail');
  if (failed.length === 0) return ExitCode.ok;
  if (failed.some((f) => f.cause === 'credentials')) return ExitCode.credentials;
  if (failed.some((f) => f.cause === 'unreachable')) return ExitCode.unreachable;
  return ExitCode.other;
}

export function toReport(findings: Finding[]): DoctorReport {
  return { checks: findings.map(({ name, status, message, fix }) => ({ name, status, message, ...(fix ? { fix } : {}) })) };
}
