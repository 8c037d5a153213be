import { z } from 'zod';

export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-25');

/**
 * What a scheduled job is invoked with. EventBridge sends its scheduled-event envelope, whose
 * fields are ignored (each job then takes its default days); `npm run job -- <name>` sends
 * `{ from, to, progress: true }`.
 */
export const JobRangeInputSchema = z.object({
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  progress: z.boolean().optional(),
});
export type JobRangeInput = z.infer<typeof JobRangeInputSchema>;

/** Progress lines go to stderr, so a job's JSON summary on stdout stays clean. */
export function progressLines(input: { progress?: boolean }): ((line: string) => void) | undefined {
  return input.progress ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
}
