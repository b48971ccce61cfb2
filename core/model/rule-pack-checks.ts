import { CASE_KINDS, PLATFORMS } from './facts';
import type { RulePack } from './rule-pack';
import { workLimits } from './rule-pack-limits';

/**
 * The checks across a rule pack that one rule's schema cannot make (used by RulePackSchema in
 * rule-pack.ts): unique ids and reason names, one default profile per platform, chains and
 * references to deadlines an earlier timer rule defines, and the work limits.
 */

type Ctx = { addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string }): void };
type Pack = Pick<RulePack, 'profiles' | 'rules' | 'countdownStates' | 'countdownTargets'>;

function checkProfiles(pack: Pack, ctx: Ctx): Set<string> {
  const profileIds = new Set<string>();
  pack.profiles.forEach((p, i) => {
    if (profileIds.has(p.id))
      ctx.addIssue({ code: 'custom', path: ['profiles', i, 'id'], message: `duplicate profile id ${p.id}` });
    profileIds.add(p.id);
  });
  for (const platform of PLATFORMS) {
    const defaults = pack.profiles.filter((p) => p.platform === platform && p.default);
    if (pack.profiles.some((p) => p.platform === platform) && defaults.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['profiles'],
        message: `platform ${platform} needs exactly one default profile`,
      });
    }
  }
  return profileIds;
}

/** Unique rule ids and reason names, known profiles, `after` chains on earlier timers; returns the deadline ids. */
function checkRules(pack: Pack, profileIds: Set<string>, ctx: Ctx): Set<string> {
  const ids = new Set<string>();
  const deadlines = new Set<string>();
  const names = new Map<string, string>();
  pack.rules.forEach((r, i) => {
    if (ids.has(r.id))
      ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${r.id}` });
    ids.add(r.id);
    r.profiles?.forEach((p, j) => {
      if (!profileIds.has(p))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'profiles', j], message: `unknown profile ${p}` });
    });
    if (r.type === 'reason') {
      for (const name of r.names) {
        const key = name.normalize('NFKC').replace(/\s+/g, '');
        for (const p of r.platforms) {
          const seen = names.get(`${p}:${key}`);
          if (seen !== undefined)
            ctx.addIssue({
              code: 'custom',
              path: ['rules', i, 'names'],
              message: `reason name ${name} already used by rule ${seen} on ${p}`,
            });
          names.set(`${p}:${key}`, r.id);
        }
      }
    }
    if (r.type === 'timer') {
      if ('after' in r.start && !deadlines.has(r.start.after)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'start', 'after'],
          message: `deadline ${r.start.after} must be defined by an earlier timer rule`,
        });
      }
      deadlines.add(r.deadlineId);
    }
  });
  return deadlines;
}

/** Contest tests, countdown states, `factAfter` and countdown targets name deadlines a timer rule defines. */
function checkDeadlineRefs(pack: Pack, deadlines: Set<string>, ctx: Ctx): void {
  const undefinedDeadline = (id: string) => `no timer rule defines deadline ${id}`;
  pack.rules.forEach((r, i) => {
    if (r.type === 'contest' && r.test.kind === 'before-deadline' && !deadlines.has(r.test.deadlineId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', i, 'test', 'deadlineId'],
        message: undefinedDeadline(r.test.deadlineId),
      });
    }
  });
  pack.countdownStates?.forEach((st, i) => {
    if (!deadlines.has(st.deadlineId))
      ctx.addIssue({
        code: 'custom',
        path: ['countdownStates', i, 'deadlineId'],
        message: undefinedDeadline(st.deadlineId),
      });
  });
  pack.rules.forEach((r, i) => {
    const fa = r.when?.factAfter;
    if (fa && !deadlines.has(fa.deadlineId))
      ctx.addIssue({
        code: 'custom',
        path: ['rules', i, 'when', 'factAfter', 'deadlineId'],
        message: undefinedDeadline(fa.deadlineId),
      });
  });
  for (const kind of CASE_KINDS) {
    const id = pack.countdownTargets[kind];
    if (!deadlines.has(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['countdownTargets', kind],
        message: `${undefinedDeadline(id)}: the page's countdown would be dropped`,
      });
    }
  }
}

/** Every cross-rule check, in a fixed order (the first issue a pack author sees is stable). */
export function checkRulePack(pack: Pack, ctx: Ctx): void {
  const profileIds = checkProfiles(pack, ctx);
  const deadlines = checkRules(pack, profileIds, ctx);
  workLimits(pack, ctx);
  checkDeadlineRefs(pack, deadlines, ctx);
}
