export const pluginId = 'reserve';
