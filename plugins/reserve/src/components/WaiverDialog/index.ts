export { WaiverDialog } from './WaiverDialog';
