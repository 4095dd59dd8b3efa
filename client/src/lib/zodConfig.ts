import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told not to, and decides when a schema is
// built, so this must run before shared/ schemas are evaluated. The server's CSP forbids eval.
z.config({ jitless: true });
