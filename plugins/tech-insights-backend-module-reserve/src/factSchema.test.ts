import { createHash } from 'node:crypto';
import {
  CheckState,
  checkCatalogue,
  Verdict,
} from '@kube-reserve/plugin-reserve-common';
import { entityReport } from './__testUtils__/reports';
import { RESERVE_FACT_SCHEMA_VERSION, reserveFactSchema } from './factSchema';
import { reportFacts } from './reportFacts';

// Records, so that the compiler fails this test when reserve-common adds a state or verdict.
const checkStates: Record<CheckState, true> = {
  pass: true,
  warn: true,
  fail: true,
  unknown: true,
  'not-applicable': true,
  waived: true,
};
const verdicts: Record<Verdict, true> = {
  ready: true,
  'at-risk': true,
  'not-ready': true,
  unknown: true,
};

// One report per state, every check in it: every fact and every value a check can have.
const reports = Object.keys(checkStates).map(state =>
  entityReport(
    'component:default/checkout',
    Object.fromEntries(checkCatalogue.map(({ id }) => [id, state])),
  ),
);

function hasSchemaType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'set':
      return (
        Array.isArray(value) && value.every(item => typeof item === 'string')
      );
    default:
      return false;
  }
}

describe('reserveFactSchema', () => {
  it('declares the verdict and check states as strings, the score as an integer, the judging time as a datetime', () => {
    expect(reserveFactSchema.verdict.type).toBe('string');
    expect(reserveFactSchema.score.type).toBe('integer');
    expect(reserveFactSchema.judgedAt.type).toBe('datetime');
    expect(reserveFactSchema.failingChecks.type).toBe('set');
    expect(reserveFactSchema.unknownChecks.type).toBe('set');
    for (const { id } of checkCatalogue) {
      expect(reserveFactSchema[id]?.type).toBe('string');
    }
  });

  it('describes every fact, so a scorecard can say what it shows', () => {
    for (const [name, fact] of Object.entries(reserveFactSchema)) {
      expect(`${name}: ${fact.description}`).toMatch(/^\S+: .{10,}/);
    }
  });

  it.each(reports.map(report => [report.checks[0].state, report]))(
    'has every fact of a report with every check %s, with a value of its type',
    (_state, report) => {
      const facts = reportFacts(report);
      for (const [name, value] of Object.entries(facts)) {
        expect({ name, type: reserveFactSchema[name]?.type }).toEqual({
          name,
          type: expect.any(String),
        });
        expect({
          name,
          fits: hasSchemaType(reserveFactSchema[name].type, value),
        }).toEqual({ name, fits: true });
      }
      expect(Object.keys(verdicts)).toContain(facts.verdict);
      for (const { id } of checkCatalogue) {
        expect(Object.keys(checkStates)).toContain(facts[id]);
      }
      // And the schema names nothing a report does not publish.
      expect(Object.keys(facts).sort()).toEqual(
        Object.keys(reserveFactSchema).sort(),
      );
    },
  );

  it('has its version bumped whenever its facts change', () => {
    // Tech Insights keeps the schema stored first for a version: a fact added without a new
    // version stays unknown to jsonfc. On failure, bump RESERVE_FACT_SCHEMA_VERSION and add a
    // line for it here; never change a recorded line.
    const digestsByVersion: Record<string, string> = {
      '0.1.0': '99837358cc3e',
    };
    const digest = createHash('sha256')
      .update(
        Object.entries(reserveFactSchema)
          .map(([name, { type }]) => `${name}:${type}`)
          .sort()
          .join('\n'),
      )
      .digest('hex')
      .slice(0, 12);
    expect(digestsByVersion[RESERVE_FACT_SCHEMA_VERSION]).toBe(digest);
  });
});
