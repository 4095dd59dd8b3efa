/** Bumped on any incompatible change to the realtime protocol. Kept free of imports so the smallest client bundle can compare it with `hello`. */
export const PROTOCOL_VERSION = 1;
