export { CheckWaivers } from './CheckWaivers';
