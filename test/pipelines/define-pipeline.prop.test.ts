import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPipeline, STAGE_SEMANTICS, getStageGroup, listStagesInGroup } from 'crm-kit';
import type { StageSemantic } from 'crm-kit';

// Stages with random semantics and random (possibly equal) sort positions, listed in random order.
const stagesArb = fc
  .array(fc.tuple(fc.constantFrom<StageSemantic>(...STAGE_SEMANTICS), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 8 })
  .map((specs) => specs.map(([semantic, sort], index) => ({ id: `S${index}`, name: `Stage ${index}`, sort, color: '#aabbcc', semantic })));

/** The invariant, stated independently: in sort order (stable), p+ s f* . */
function reference(stages: readonly { readonly sort: number; readonly semantic: StageSemantic }[]): boolean {
  const ordered = stages
    .map((stage, index) => ({ stage, index }))
    .sort((a, b) => a.stage.sort - b.stage.sort || a.index - b.index)
    .map(({ stage }) => stage.semantic[0])
    .join('');
  return /^p+sf*$/.test(ordered);
}

describe('checkPipeline properties', () => {
  it('accepts exactly the stage orders with in-progress stages, then one success stage, then failure stages', () => {
    fc.assert(
      fc.property(stagesArb, (stages) => {
        const result = checkPipeline({ id: 'p', entityType: 'deal', name: 'P', stages });
        expect(result.success).toBe(reference(stages));
      }),
      { numRuns: 2000 },
    );
  });

  it('an accepted pipeline lists its stages in sort order and its groups partition them', () => {
    fc.assert(
      fc.property(stagesArb, (stages) => {
        const result = checkPipeline({ id: 'p', entityType: 'deal', name: 'P', stages });
        if (!result.success) return;
        const sorts = result.data.stages.map((s) => s.sort);
        expect(sorts).toEqual([...sorts].sort((a, b) => a - b));
        const grouped = (['in-progress', 'won', 'lost'] as const).flatMap((group) => listStagesInGroup(result.data, group));
        expect(grouped).toEqual(result.data.stages.map((s) => s.id));
        for (const stage of result.data.stages) expect(getStageGroup(result.data, stage.id)).toBeDefined();
      }),
    );
  });
});
