// Types for what tests import from eslint.config.js (the config itself stays plain JS).
import type { Linter } from 'eslint';

export declare const effectReturnRule: { selector: string; message: string };
declare const config: Linter.Config[];
export default config;
