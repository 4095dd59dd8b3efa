import { describeA11y } from './a11ySuite.js';

// The desktop half is a11y.test.ts: two files, so vitest's two workers audit both at once.
describeA11y('phone');
