/** Scenario text (YAML) → validated `Scenario`. Pure: the caller reads the file. */
import { parse as parseYaml } from 'yaml';
import { ScenarioSchema, type ExpectedAlert, type Scenario } from './schema.ts';

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

export function parseScenario(text: string, origin = 'scenario'): Scenario {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ScenarioError(`${origin}: not valid YAML: ${(e as Error).message}`);
  }
  const r = ScenarioSchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ScenarioError(`${origin}: invalid scenario:\n${lines.join('\n')}`);
  }
  return r.data;
}

/** Absolute time (epoch ms) an expected alert's `within` counts from. */
export function expectationAnchor(s: Scenario, a: ExpectedAlert): number {
  if (a.after !== undefined) return s.start + a.after;
  const fault = s.timeline.find((e) => e.fault);
  return s.start + (fault ? fault.at : 0);
}
