export { RemediationCommand } from './RemediationCommand';
