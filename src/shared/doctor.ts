// The doctor's result (cli.md `doctor`): one line per check. Shared by the CLI, the IPC contract
// (the "Check setup" panel) and the diagnostics file, so all three show the same thing.
import { z } from 'zod';

export const checkStatuses = ['pass', 'warn', 'fail'] as const;
export type CheckStatus = (typeof checkStatuses)[number];

export const doctorCheckSchema = z.object({
  name: z.string(),
  status: z.enum(checkStatuses),
  message: z.string(),
  /** What to do about a warn or fail, in words. */
  fix: z.string().optional(),
});
export type DoctorCheck = z.infer<typeof doctorCheckSchema>;

export const doctorReportSchema = z.object({ checks: z.array(doctorCheckSchema) });
export type DoctorReport = z.infer<typeof doctorReportSchema>;
