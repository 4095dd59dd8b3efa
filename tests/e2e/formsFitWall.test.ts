import { describeFormsFit } from './formsFitSuite.js';

// The 1920 px and 3840 px walls; the phone (360 px) and the desktop (1440 px) are measured on the
// accessibility walks (a11yPhone.test.ts, a11y.test.ts), which reach the same screens at those sizes.
describeFormsFit([
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]);
