import shipped from '../data/asic-idr-dictionary.unverified.json';
import { parseAsicDictionary, type AsicDictionary } from './dictionary';
import type { AsicCodeMapping } from './asic-idr-file';

/**
 * The dictionary the inbox ships so the screens work before the firm loads
 * ASIC's: UNVERIFIED (its codes are guesses), said so in the file, in the
 * API and on screen, and never in force once a real one covers the period.
 */
export const SHIPPED_ASIC_DICTIONARY: AsicDictionary = parseAsicDictionary(shipped.dictionary);
export const SHIPPED_ASIC_MAPPING: AsicCodeMapping = shipped.defaultMapping;
export const SHIPPED_ASIC_WARNING: string = shipped.UNVERIFIED;
