import { CheckDefinition } from './definition';

/** Checks of the entity's Velero backups and restore drills. */
export const backupChecks = [
  {
    id: 'backup.schedule',
    title: 'A backup schedule that meets the RPO',
    category: 'backup',
    severity: 'critical',
    rationale:
      'Without an enabled, unpaused Velero Schedule covering the service, the data lost in a disaster is everything since someone last remembered to back up.',
    remediation: {
      text: 'Create a Velero Schedule that includes the entity\u2019s namespace and labels, with a cron whose largest gap between runs is within the RPO.',
      command:
        'velero schedule create <name> --schedule="0 */6 * * *" --include-namespaces <namespace>',
    },
    docsUrl: 'https://velero.io/docs/main/api-types/schedule/',
  },
  {
    id: 'backup.fresh',
    title: 'The newest backup is within the RPO',
    category: 'backup',
    severity: 'critical',
    rationale:
      'The RPO actually achieved is the age of the last completed backup; Velero never catches up missed runs.',
    remediation: {
      text: 'Find out why recent backups did not complete, then take one now.',
      command: 'velero backup create --from-schedule <schedule>',
    },
    docsUrl: 'https://velero.io/docs/main/api-types/backup/',
  },
  {
    id: 'backup.healthy',
    title: 'Recent backups succeeded',
    category: 'backup',
    severity: 'high',
    rationale:
      'Failed or partially failed backups mean the last good restore point is older than it looks.',
    remediation: {
      text: 'Read the failed backup\u2019s logs and fix the cause (storage location, volume snapshots, plugin errors).',
      command: 'velero backup logs <backup>',
    },
    docsUrl: 'https://velero.io/docs/main/troubleshooting/',
  },
  {
    id: 'backup.volumes',
    title: 'Volumes are backed up where the reserve can restore them',
    category: 'backup',
    severity: 'high',
    rationale:
      'Persistent data must be in the backup; cloud volume snapshots do not cross regions or providers, so only file-system backup or snapshot data movement reaches such a reserve.',
    remediation: {
      text: 'Back up volumes with file-system backup (`--default-volumes-to-fs-backup`) or CSI snapshot data movement (`--snapshot-move-data`).',
      command:
        'velero schedule create <name> --schedule="<cron>" --include-namespaces <namespace> --snapshot-move-data',
    },
    docsUrl: 'https://velero.io/docs/main/csi-snapshot-data-movement/',
  },
  {
    id: 'backup.location',
    title: 'Backups stored off-site and visible to the reserve',
    category: 'backup',
    severity: 'critical',
    rationale:
      'Backups in the primary\u2019s site burn with it; the reserve needs its own (read-only) location on the same bucket and prefix to restore from.',
    remediation: {
      text: 'Store backups in object storage at another site, and give the reserve a ReadOnly BackupStorageLocation on the same bucket and prefix.',
      command:
        'velero --kubecontext <reserve-cluster> backup-location create <name> --provider <provider> --bucket <bucket> --prefix <prefix> --access-mode ReadOnly',
    },
    docsUrl: 'https://velero.io/docs/main/api-types/backupstoragelocation/',
  },
  {
    id: 'backup.restore-drill',
    title: 'A recent restore drill on the reserve',
    category: 'backup',
    severity: 'high',
    rationale:
      'A backup is only as good as its last restore: the drill proves it restores, and measures the real RTO.',
    remediation: {
      text: 'Run the Restore drill runbook: back up now, restore into a scratch namespace on the reserve, check the workloads, clean up.',
      command:
        'velero --kubecontext <reserve-cluster> restore create --from-backup <backup> --namespace-mappings <namespace>:<scratch-namespace>',
    },
    docsUrl: 'https://velero.io/docs/main/restore-reference/',
  },
] as const satisfies readonly CheckDefinition[];
