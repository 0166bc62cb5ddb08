/** The manage screens' sections, in tab order (routes.ts and manage-screens.tsx). */
export const MANAGE_SECTIONS = ['register', 'canned', 'macros', 'knowledge', 'templates', 'incidents', 'routing', 'fields', 'rules', 'hours'] as const;
export type ManageSection = (typeof MANAGE_SECTIONS)[number];
