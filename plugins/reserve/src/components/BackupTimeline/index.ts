export { BackupTimeline } from './BackupTimeline';
