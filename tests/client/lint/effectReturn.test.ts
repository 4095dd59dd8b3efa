import path from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { effectReturnRule } from '../../../eslint.config.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** Lint one TSX fixture with only the effect rule, as the project configures it. */
function lint(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  return linter
    .verify(
      code,
      [
        {
          files: ['**/*.tsx'],
          languageOptions: {
            parser: tseslint.parser,
            parserOptions: { ecmaFeatures: { jsx: true } },
          },
          rules: { 'no-restricted-syntax': ['error', effectReturnRule] },
        },
      ],
      'fixture.tsx',
    )
    .map((m) => `${m.line}:${m.ruleId ?? 'parse'}`);
}

describe('lint: an effect must not return a value', () => {
  it('flags an effect whose arrow has an expression body (the scrollIntoView white screen)', () => {
    expect(lint(`useEffect(() => ref.current?.scrollIntoView({ block: 'start' }), [item]);`)).toEqual([
      '1:no-restricted-syntax',
    ]);
    expect(lint(`useLayoutEffect(() => el.focus());`)).toEqual(['1:no-restricted-syntax']);
    expect(lint(`React.useEffect(() => void load(), []);`)).toEqual(['1:no-restricted-syntax']);
    expect(lint(`useInsertionEffect(() => (x = 1));`)).toEqual(['1:no-restricted-syntax']);
  });

  it('accepts block bodies, returned cleanups and hooks that are not effects', () => {
    expect(
      lint(
        [
          `useEffect(() => { ref.current?.scrollIntoView(); }, [item]);`,
          `useEffect(() => { const stop = start(); return () => stop(); }, []);`,
          `useEffect(() => () => socket.close(), []);`,
          `useEffect(function () { return undefined; });`,
          `const v = useMemo(() => compute(a), [a]);`,
          `const cb = useCallback(() => go(a), [a]);`,
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('is switched on for the client sources by eslint.config.js', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const config = (await eslint.calculateConfigForFile(
      path.join(ROOT, 'client/src/features/shelters/ShelterPanel.tsx'),
    )) as { rules: Record<string, unknown[]> };
    const rule = config.rules['no-restricted-syntax'];
    expect(rule?.[0]).toBe(2);
    expect(rule).toContainEqual(effectReturnRule);
  });
});
