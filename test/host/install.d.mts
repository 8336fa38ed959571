// Types for install.mjs (plain JavaScript so it runs before any TypeScript tooling is installed).
export declare const hostDir: string;
export declare const node24Dir: string;
export declare const node24: string;
export declare const codeServerDir: string;
export declare const codeServerEntry: string;
export declare function hostInstalled(): boolean;
export declare function ensureHost(options?: { quiet?: boolean }): { node24: string; codeServerEntry: string };
