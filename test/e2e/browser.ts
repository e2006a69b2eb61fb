/**
 * The Chromium the e2e tests and the wall perf script drive: Debian's package at /usr/bin/chromium
 * (never a downloaded browser), with the flags that make it quiet and deterministic headless.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const haveChromium = existsSync(CHROMIUM_PATH);
export const inCI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Outside CI a missing Chromium skips the e2e suite with a loud warning; in CI it is a failure
 * (a CI run that silently skipped the browser tests would claim coverage it does not have).
 */
export function requireChromium(): boolean {
  if (haveChromium) return true;
  if (inCI) throw new Error(`e2e: ${CHROMIUM_PATH} is missing and CI=true — install Debian's chromium package (apt-get install -y chromium).`);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! e2e tests SKIPPED: ${CHROMIUM_PATH} not found.\n!! Install it with: apt-get update && apt-get install -y chromium\n${bar}\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
