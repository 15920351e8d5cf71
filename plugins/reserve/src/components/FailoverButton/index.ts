export { FailoverButton } from './FailoverButton';
