export { BackupSchedules } from './BackupSchedules';
