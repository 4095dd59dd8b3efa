import { describeFormsFit } from './formsFitSuite.js';

// Up to a 3840 px wall; the phone and the desktop are formsFit.test.ts.
describeFormsFit([
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]);
