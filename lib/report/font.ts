// The CJK font of the credit report: Noto Sans SC from the npm package @expo-google-fonts/noto-sans-sc (full
// TTFs, ~10 MB each), so no system font is assumed. Read and parsed once per process: pdfkit accepts a parsed
// (fontkit) font in place of bytes, and parsing a 10 MB CJK font per report would cost more than drawing it.
// pdfkit embeds only the glyphs a report uses (a subset per document), so a report stays small.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';

const PACKAGE_DIR = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-sans-sc');

export const REPORT_FONT_FILES = {
  regular: join(PACKAGE_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: join(PACKAGE_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
} as const;

/** What registerFont takes: bytes, or (as here) the font pdfkit parsed from them. */
export type ReportFontSource = PDFKit.Mixins.PDFFontSource;

let cached: { regular: ReportFontSource; bold: ReportFontSource } | null = null;

/** The two weights, parsed on first use only. */
export function reportFonts(): { regular: ReportFontSource; bold: ReportFontSource } {
  cached ??= { regular: parsed(REPORT_FONT_FILES.regular), bold: parsed(REPORT_FONT_FILES.bold) };
  return cached;
}

// pdfkit parses with its own fontkit; a throwaway document lends us the parsed font (no second copy of fontkit).
function parsed(file: string): ReportFontSource {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('f', readFileSync(file));
  doc.font('f');
  return (doc as unknown as { _font: { font: ReportFontSource } })._font.font;
}
