import fs from 'node:fs';
import type { Plugin } from 'vite';

/**
 * zod's JSON Schema support (about 64 KB of its code, 8 KB gzip) rides along with every schema,
 * because each schema class refers to it from methods (`toJSONSchema()`, `~standard.jsonSchema`,
 * the `minLength`-style getters) that the bundler cannot prove unused. The client never asks a
 * schema for its JSON Schema (the server writes the OpenAPI document), so in the client build those
 * two modules become stand-ins that keep their export names and throw if ever called (the method
 * factories a schema calls as it is built hand back a method that throws). Parsing, refinements and
 * error messages do not touch them.
 */
const MODULES = /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/;

export function withoutZodJsonSchema(): Plugin {
  return {
    name: 'without-zod-json-schema',
    enforce: 'pre',
    load(id) {
      if (!MODULES.test(id)) return null;
      const names = new Set<string>();
      for (const m of fs.readFileSync(id, 'utf8').matchAll(/^export (?:function|const) (\w+)/gm))
        names.add(m[1]!);
      for (const m of fs.readFileSync(id, 'utf8').matchAll(/^export \{([^}]*)\}/gm))
        for (const part of m[1]!.split(','))
          names.add(
            part
              .trim()
              .split(/\s+as\s+/)
              .pop()!,
          );
      const fail = 'function () { throw new Error("JSON Schema is not part of the client build"); }';
      return [
        `const unavailable = ${fail};`,
        ...[...names]
          .filter(Boolean)
          .map((n) => `export const ${n} = ${n.startsWith('create') ? '() => unavailable' : 'unavailable'};`),
      ].join('\n');
    },
  };
}
