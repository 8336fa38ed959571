// Types for codeServerHost.mjs (plain JavaScript: scripts/start.mjs and the test launcher use it without tsx).
import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';

export declare const CHROMIUM: string;
export declare const CHROMIUM_ARGS: string[];
export declare const QUIET_USER_SETTINGS: Record<string, unknown>;

export interface CodeServerProfile {
  userDataDir: string;
  extensionsDir: string;
  xdgConfig: string;
  xdgData: string;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export declare function freePort(): Promise<number>;
export declare function prepareProfile(
  stateDir: string,
  options?: { userDataDir?: string; extensionsDir?: string; settings?: Record<string, unknown> },
): CodeServerProfile;
export declare function codeServerCli(profile: CodeServerProfile, args: string[]): Promise<string>;
export declare function startCodeServer(
  profile: CodeServerProfile,
  options?: { folder?: string; port?: number; smokeTestDriver?: boolean; onOutput?: (text: string) => void; extraEnv?: Record<string, string> },
): Promise<RunningCodeServer>;
export declare function launchChromium(): Promise<Browser>;
