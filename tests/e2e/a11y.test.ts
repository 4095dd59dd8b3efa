import { describeA11y } from './a11ySuite.js';

// The phone half is a11yPhone.test.ts: two files, so vitest's two workers audit both at once.
describeA11y('desktop');
