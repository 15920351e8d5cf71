import { defaultPodSpec } from './podTemplateDefaults';

const DIGEST =
  'sha256:7602f2814b5477d7ce1cb73d6fc0acffbfb7e64c07d630c62e1c6f9beca59974';

describe('container defaults', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['registry.example:5000/team/app', 'Always'],
    [`registry.example:5000/team/app:latest@${DIGEST}`, 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.example:5000/team/app:2.0', 'IfNotPresent'],
    [`registry.example/team/app@${DIGEST}`, 'IfNotPresent'],
  ])('pulls %s with imagePullPolicy %s', (image, policy) => {
    const pod = { containers: [{ name: 'main', image }] };
    defaultPodSpec(pod);
    expect(pod.containers[0]).toEqual({
      name: 'main',
      image,
      imagePullPolicy: policy,
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
  });

  it('keeps a pull policy and termination message path the manifest sets', () => {
    const pod = {
      initContainers: [
        {
          name: 'init',
          image: 'busybox',
          imagePullPolicy: 'Never',
          terminationMessagePath: '/tmp/done',
        },
      ],
    };
    defaultPodSpec(pod);
    expect(pod.initContainers[0]).toMatchObject({
      imagePullPolicy: 'Never',
      terminationMessagePath: '/tmp/done',
    });
  });
});
