import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ReplayError } from './errors.js';

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2024-09-03');

const OptionsSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/$/, '')),
  speed: z.coerce.number().positive().max(1_000_000),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  loop: z.boolean(),
  scenario: z.string().min(1),
  password: z.string().min(1),
});
/** The replay's options, validated. */
export type ReplayOptions = z.infer<typeof OptionsSchema>;

export const USAGE = `Usage: npm run demo:replay -- [--url http://127.0.0.1:3000] [--speed 60]
  [--from 2024-09-03] [--to 2024-09-30] [--loop] [--scenario scenarios/yagi-2024.json]
--speed 60 plays one scenario hour in one real minute. Space or p pauses and resumes, q quits.`;

/** Parse the command line (`argv` without node and the script). */
export function parseOptions(argv: string[]): ReplayOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:3000' },
        speed: { type: 'string', default: '60' },
        from: { type: 'string' },
        to: { type: 'string' },
        loop: { type: 'boolean', default: false },
        scenario: { type: 'string', default: 'scenarios/yagi-2024.json' },
        password: { type: 'string', default: 'demo' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new ReplayError(`${(err as Error).message}\n${USAGE}`);
  }
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ReplayError(`${problems}\n${USAGE}`);
  }
  if (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to)
    throw new ReplayError('--from must not be after --to');
  return parsed.data;
}
