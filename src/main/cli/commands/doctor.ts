// `doctor`: check the setup against the real services, one line per check with what to do.
import type { DoctorReport } from '../../../shared/doctor';
import type { Command } from '../command';

const mark = { pass: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

export const doctorCommand: Command = {
  name: 'doctor',
  usage: 'doctor',
  summary: 'check the setup against iCloud, the platform, the keychain and the data directory',
  options: {},
  async run({ services }) {
    const { report, exitCode } = await services.doctor();
    return { json: report, text: describeDoctor(report), exitCode };
  },
};

export function describeDoctor(report: DoctorReport): string {
  const lines = report.checks.flatMap((check) => [
    `${mark[check.status]}  ${check.name}: ${check.message}`,
    ...(check.fix && check.status !== 'pass' ? [`      → ${check.fix}`] : []),
  ]);
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const warned = report.checks.filter((c) => c.status === 'warn').length;
  lines.push('', failed ? `${failed} failed, ${warned} warning${warned === 1 ? '' : 's'}.` : `All checks passed${warned ? ` (${warned} warning${warned === 1 ? '' : 's'})` : ''}.`);
  return lines.join('\n');
}
