import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(180_000);

// The programs running with a work folder below `dir`, by their command lines.
function programsUnder(dir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' });
  return out.split('\n').filter(line => line.includes(dir));
}

const fixtures = path.resolve(__dirname, '../../../../examples/clusters');

describe('stopping real control planes', () => {
  it('leaves no program behind when the process that started them is killed (SIGKILL)', async () => {
    const workDir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'control-planes-stop-'),
    );
    const kubeconfig = path.join(workDir, 'kubeconfig');
    // The CLI in a process of its own, as a test runner would hold them.
    const starter = spawn(
      process.execPath,
      [
        path.resolve(__dirname, '../../bin/control-planes'),
        '--fixtures',
        fixtures,
        '--work-dir',
        path.join(workDir, 'planes'),
        '--kubeconfig',
        kubeconfig,
      ],
      { stdio: 'ignore' },
    );
    try {
      const deadline = Date.now() + 150_000;
      while (!fs.existsSync(kubeconfig)) {
        if (Date.now() > deadline || starter.exitCode !== null) {
          throw new Error('the control planes did not start');
        }
        await new Promise(r => setTimeout(r, 250));
      }
      // etcd, and per cluster kube-apiserver, controller manager, scheduler and KWOK.
      expect(programsUnder(workDir).length).toBeGreaterThanOrEqual(13);
      starter.kill('SIGKILL');
      const gone = Date.now() + 30_000;
      while (programsUnder(workDir).length > 0 && Date.now() < gone) {
        await new Promise(r => setTimeout(r, 250));
      }
      expect(programsUnder(workDir)).toEqual([]);
    } finally {
      starter.kill('SIGKILL');
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });
});
