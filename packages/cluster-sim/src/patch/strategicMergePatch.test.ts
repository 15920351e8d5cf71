import { applyMergePatch } from './mergePatch';
import { applyStrategicMergePatch } from './strategicMergePatch';

const podSpec = {
  containers: [
    {
      name: 'app',
      image: 'app:1',
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
      ports: [{ containerPort: 80, name: 'http' }],
    },
    { name: 'proxy', image: 'proxy:1' },
  ],
  tolerations: [{ key: 'x', operator: 'Exists' }],
};

describe('strategic merge patch', () => {
  it('merges containers, env and ports by their keys', () => {
    const result: any = applyStrategicMergePatch(podSpec, {
      containers: [
        {
          name: 'app',
          env: [
            { name: 'B', value: '3' },
            { name: 'C', value: '4' },
          ],
          ports: [{ containerPort: 443 }],
        },
      ],
    });
    expect(result.containers.map((c: any) => c.name)).toEqual(['app', 'proxy']);
    expect(result.containers[0].image).toBe('app:1');
    expect(result.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '3' },
      { name: 'C', value: '4' },
    ]);
    expect(result.containers[0].ports).toEqual([
      { containerPort: 80, name: 'http' },
      { containerPort: 443 },
    ]);
  });

  it('adds a new container and removes one marked $patch: delete', () => {
    const result: any = applyStrategicMergePatch(podSpec, {
      containers: [
        { name: 'proxy', $patch: 'delete' },
        { name: 'log', image: 'log:1' },
      ],
    });
    expect(result.containers.map((c: any) => c.name)).toEqual(['app', 'log']);
  });

  it('replaces lists without a merge key and deletes fields set to null', () => {
    const result: any = applyStrategicMergePatch(podSpec, {
      tolerations: [{ key: 'y', operator: 'Exists' }],
      containers: null,
    });
    expect(result).toEqual({ tolerations: [{ key: 'y', operator: 'Exists' }] });
  });

  it('ignores ordering directives and leaves the input untouched', () => {
    const before = structuredClone(podSpec);
    applyStrategicMergePatch(podSpec, {
      '$setElementOrder/containers': [{ name: 'proxy' }],
      containers: [{ name: 'app', image: 'app:2' }],
    });
    expect(podSpec).toEqual(before);
  });
});

describe('merge patch', () => {
  it('replaces lists wholesale, unlike strategic merge', () => {
    const result: any = applyMergePatch(podSpec, {
      containers: [{ name: 'app', image: 'app:2' }],
    });
    expect(result.containers).toEqual([{ name: 'app', image: 'app:2' }]);
    expect(result.tolerations).toEqual(podSpec.tolerations);
  });
});
