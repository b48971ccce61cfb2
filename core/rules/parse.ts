import { RULE_PACK_LIMITS, RulePackSchema, SUPPORTED_SCHEMA_MAJOR, type RulePack } from '../model/rule-pack';
import { formatPath, formatZodError } from '../model/zod';

export { formatPath };

/**
 * Validate a rule pack from an import (JSON text or an already-parsed value).
 * Never throws: bad input gives `{ ok: false, error }` with the zod path
 * (`rules[3].citation.source: a seed file name …`), so the caller keeps its previous pack.
 * Unknown fields (a newer minor version) are stripped and listed in `warnings`;
 * an unknown major `schemaVersion` is refused (see the comment at RulePackSchema).
 */
type ParseRulePackResult = { ok: true; pack: RulePack; warnings: string[] } | { ok: false; error: string };

/** Depth and size guard before zod sees the value (deep nesting would blow the stack). */
function checkShape(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > RULE_PACK_LIMITS.maxDepth)
      return `pack is nested deeper than ${RULE_PACK_LIMITS.maxDepth} levels`;
    nodes += 1;
    if (nodes > 500_000) return 'pack has too many values (more than 500,000 objects/arrays)';
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, depth + 1]);
  }
  return null;
}

/** Keys present in the input but dropped by the schema (unknown fields), as paths. */
function strippedKeys(input: unknown, output: unknown, path: PropertyKey[], out: string[]): void {
  if (
    out.length >= 50 ||
    input === null ||
    typeof input !== 'object' ||
    output === null ||
    typeof output !== 'object'
  )
    return;
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return;
    input.forEach((v, i) => strippedKeys(v, output[i], [...path, i], out));
    return;
  }
  const o = output as Record<string, unknown>;
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (!(k in o)) out.push(formatPath([...path, k]));
    else strippedKeys(v, o[k], [...path, k], out);
  }
}

export function parseRulePack(input: unknown): ParseRulePackResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > RULE_PACK_LIMITS.maxJsonChars) {
      return {
        ok: false,
        error: `pack is too large: ${input.length} characters (limit ${RULE_PACK_LIMITS.maxJsonChars})`,
      };
    }
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, error: `invalid JSON: ${(e as Error).message}` };
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: '(root): a rule pack must be a JSON object' };
  }
  const shape = checkShape(value);
  if (shape) return { ok: false, error: shape };
  const sv = (value as { schemaVersion?: unknown }).schemaVersion;
  if (typeof sv === 'string') {
    const major = Number(/^(\d+)\./.exec(sv)?.[1]);
    if (Number.isInteger(major) && major !== SUPPORTED_SCHEMA_MAJOR) {
      return {
        ok: false,
        error: `schemaVersion: unsupported version ${sv} (this build reads ${SUPPORTED_SCHEMA_MAJOR}.x)`,
      };
    }
  }
  const result = RulePackSchema.safeParse(value);
  if (!result.success) {
    return { ok: false, error: formatZodError(result.error, 3) };
  }
  const warnings: string[] = [];
  strippedKeys(value, result.data, [], warnings);
  return { ok: true, pack: result.data, warnings: warnings.map((w) => `unknown field ignored: ${w}`) };
}
