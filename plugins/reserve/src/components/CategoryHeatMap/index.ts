export { CategoryHeatMap } from './CategoryHeatMap';
