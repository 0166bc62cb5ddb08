export * from './dictionary';
export * from './dictionary-workbook';
export * from './reporting-period';
export * from './asic-idr-file';
export * from './shipped-dictionary';
