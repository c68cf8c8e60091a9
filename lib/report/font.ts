// The CJK font of the credit report: Noto Sans SC from the npm package @expo-google-fonts/noto-sans-sc (full
// TTFs, ~10 MB each), so no system font is assumed. Read once per process and kept in memory; pdfkit embeds
// only the glyphs a report uses (a subset), so a report stays small.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGE_DIR = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-sans-sc');

export const REPORT_FONT_FILES = {
  regular: join(PACKAGE_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: join(PACKAGE_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
} as const;

let cached: { regular: Buffer; bold: Buffer } | null = null;

/** The two weights as bytes, read from disk on first use only. */
export function reportFonts(): { regular: Buffer; bold: Buffer } {
  cached ??= { regular: readFileSync(REPORT_FONT_FILES.regular), bold: readFileSync(REPORT_FONT_FILES.bold) };
  return cached;
}
