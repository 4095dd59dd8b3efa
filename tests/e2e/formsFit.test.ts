import { describeFormsFit } from './formsFitSuite.js';

// A phone and a desktop here; the 1920 px and 3840 px walls are formsFitWall.test.ts, so vitest's
// two workers measure both halves at once.
describeFormsFit([
  { width: 360, height: 740 },
  { width: 1440, height: 900 },
]);
