import { checkCatalogue, getCheckDefinition, isCheckId } from './catalogue';

describe('check catalogue', () => {
  it('holds the 33 checks of the design, each id once', () => {
    const ids = checkCatalogue.map(c => c.id);
    expect(ids).toHaveLength(33);
    expect(new Set(ids).size).toBe(33);
  });

  it('files every check under the category its id starts with', () => {
    for (const definition of checkCatalogue) {
      expect(definition.id.startsWith(`${definition.category}.`)).toBe(true);
    }
  });

  it('gives every check a rationale, a remediation and an https docs link', () => {
    for (const definition of checkCatalogue) {
      expect(definition.rationale.length).toBeGreaterThan(20);
      expect(definition.remediation.text.length).toBeGreaterThan(20);
      expect(definition.docsUrl).toMatch(/^https:\/\//);
    }
  });

  it('looks checks up by id', () => {
    expect(getCheckDefinition('parity.cronjobs')).toMatchObject({
      severity: 'critical',
      category: 'parity',
    });
    expect(getCheckDefinition('parity.cronjobs').remediation.command).toContain(
      '{"spec":{"suspend":true}}',
    );
    expect(isCheckId('parity.cronjobs')).toBe(true);
    expect(isCheckId('parity.nonsense')).toBe(false);
  });
});
