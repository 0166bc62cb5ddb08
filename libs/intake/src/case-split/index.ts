export * from './case-lock';
export * from './case-merge.service';
export * from './case-split.service';
export * from './split-suggestions';
