export * from './costConfig.js';
export * from './costModel.js';
