import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutZodJsonSchema } from '../../../client/vite.zodJsonSchema.js';

/**
 * The client build leaves zod's JSON Schema support out (about 8 KB gzip before the list): the two
 * modules are replaced by stand-ins with the same export names that throw if ever called.
 */
const require = createRequire(import.meta.url);
const core = path.join(path.dirname(require.resolve('zod/package.json')), 'v4', 'core');
const load = (id: string) => {
  const hook = withoutZodJsonSchema().load as (id: string) => string | null;
  return hook.call({}, id);
};
/** Evaluate a stand-in as a module and give its exports. */
async function standIn(file: string): Promise<Record<string, unknown>> {
  const code = load(path.join(core, file));
  expect(code).toBeTypeOf('string');
  return (await import(`data:text/javascript,${encodeURIComponent(code!)}`)) as Record<string, unknown>;
}

describe('withoutZodJsonSchema', () => {
  it.each(['json-schema-processors.js', 'to-json-schema.js'])(
    'replaces %s with a module of the same export names whose functions throw',
    async (file) => {
      const real = (await import(path.join(core, file))) as Record<string, unknown>;
      const stub = await standIn(file);
      expect(Object.keys(stub).sort()).toEqual(Object.keys(real).sort());
      for (const [name, fn] of Object.entries(stub)) {
        expect(fn).toBeTypeOf('function');
        const call = name.startsWith('create') ? (fn as () => () => unknown)() : (fn as () => unknown);
        expect(call, name).toThrow(/JSON Schema is not part of the client build/);
      }
    },
  );

  it('leaves every other module, zod’s own parsing included, as it is', () => {
    for (const f of ['schemas.js', 'parse.js', 'checks.js', 'regexes.js'])
      expect(load(path.join(core, f))).toBeNull();
    expect(load(path.resolve('client/src/main.tsx'))).toBeNull();
    expect(fs.existsSync(path.join(core, 'schemas.js'))).toBe(true);
  });
});
