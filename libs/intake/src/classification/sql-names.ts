/** Names compare without case or extra spaces; matches the index customers_comparable_name_idx. */
export const comparableNameSql = (column: string) => `lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g'))`;
