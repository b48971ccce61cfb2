import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANAGED_PATHS, SettingsSchema, applyManaged, defaultSettings } from '../../../core/model/settings';

interface Node {
  type: string;
  properties?: Record<string, Node>;
  enum?: unknown[];
}
const schema = JSON.parse(readFileSync(resolve('public/managed_schema.json'), 'utf8')) as Node;

function leaves(n: Node, prefix = ''): string[] {
  if (n.type !== 'object' || !n.properties) return [prefix];
  return Object.entries(n.properties).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('enterprise policy schema (public/managed_schema.json)', () => {
  it('declares exactly the settings the extension applies from policy', () => {
    expect(leaves(schema).sort()).toEqual([...MANAGED_PATHS].sort());
  });

  it('enums match the settings model', () => {
    const props = schema.properties!;
    expect(props.platformProfile!.enum).toEqual(
      SettingsSchema.shape.platformProfile._zod.def.innerType.options,
    );
    expect(props.locale!.enum).toEqual(SettingsSchema.shape.locale._zod.def.innerType.options);
  });

  it('a policy overrides leaf by leaf and reports what it locked', () => {
    const { settings, locked } = applyManaged(defaultSettings(), {
      teamPack: { url: 'https://packs.example.com/p.json' },
      shopPolicy: { remedyLimits: { smallCashMaxPercent: 8 } },
    });
    expect(settings.teamPack).toEqual({
      url: 'https://packs.example.com/p.json',
      refreshHours: 24,
      sha256: '',
    });
    expect(settings.shopPolicy.remedyLimits.smallCashMaxPercent).toBe(8);
    expect(settings.shopPolicy.remedyLimits.smallCashMinPercent).toBe(5);
    expect(locked.sort()).toEqual(['shopPolicy.remedyLimits.smallCashMaxPercent', 'teamPack.url']);
  });
});
