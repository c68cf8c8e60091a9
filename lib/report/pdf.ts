// Draws a credit report as a PDF with pdfkit: a title block with the report number, check code, query time and
// a QR code that opens the verification page with the number filled in; the subject's basic information; the
// sections of the 2022 standard ("查询期内无相关信息" where empty); on every page a header, a footer with the page
// number and the note on use, and a faint watermark. Text is Noto Sans SC (./font.ts), subset into the file.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { ReportContent, ReportRecord } from './content';
import { reportFonts } from './font';
import { EMPTY_SECTION_TEXT } from './sections';

export interface ReportStamp {
  number: string;
  checkCode: string;
  /** Query time as printed: Shanghai wall clock, 'YYYY-MM-DD HH:mm:ss'. */
  queriedAt: string;
  /** Where the QR code leads: the verification page with the number prefilled. */
  verifyUrl: string;
}

export const REPORT_TITLE = '公共信用信息报告';
export const USE_NOTE = '本报告仅供了解主体公共信用状况使用，不得用于其他用途；内容以查询时点的公示信息为准。';

const MARGIN = { top: 70, bottom: 70, left: 56, right: 56 };
const INK = '#1e293b';
const MUTED = '#64748b';
const ACCENT = '#1e3a8a';
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

export async function renderReportPdf(content: ReportContent, stamp: ReportStamp): Promise<Buffer> {
  const fonts = reportFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: `${REPORT_TITLE} ${stamp.number}`, Author: '信用武陟', Subject: content.subject.name },
  });
  doc.registerFont('cjk', fonts.regular);
  doc.registerFont('cjk-bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  titleBlock(doc, content, stamp);
  basicInfo(doc, content);
  content.sections.forEach((s, i) => {
    heading(doc, `${CHINESE_NUMERALS[i] ?? i + 1}、${s.title}`);
    if (s.paragraphs.length > 0) {
      for (const p of s.paragraphs) para(doc, p);
      return;
    }
    if (s.records.length === 0) {
      para(doc, EMPTY_SECTION_TEXT, MUTED);
      return;
    }
    // Inside 行政管理信息, each catalog (行政许可, 行政处罚) is its own numbered list under its own sub-heading.
    let catalog = '';
    let n = 0;
    for (const r of s.records) {
      if (s.key === 'ADMIN' && r.catalog !== catalog) {
        catalog = r.catalog;
        n = 0;
        doc.moveDown(0.3).font('cjk-bold').fontSize(10.5).fillColor(ACCENT).text(`（${catalog}）`);
      }
      record(doc, r, ++n);
    }
    if (s.total > s.records.length) para(doc, `本部分共 ${s.total} 条，此处列出最近 ${s.records.length} 条。`, MUTED);
  });
  doc.moveDown(1);
  para(doc, '— 报告正文结束 —', MUTED, 'center');

  decoratePages(doc, stamp);
  doc.end();
  return done;
}

function titleBlock(doc: PDFKit.PDFDocument, content: ReportContent, stamp: ReportStamp): void {
  doc.font('cjk-bold').fontSize(22).fillColor(ACCENT).text(REPORT_TITLE, { align: 'center' });
  doc.font('cjk').fontSize(11).fillColor(MUTED).text('（法人和非法人组织版）', { align: 'center' });
  doc.moveDown(1.2);

  const top = doc.y;
  const qrSize = 92;
  const qrX = doc.page.width - MARGIN.right - qrSize;
  drawQr(doc, stamp.verifyUrl, qrX, top, qrSize);
  doc
    .font('cjk')
    .fontSize(8)
    .fillColor(MUTED)
    .text('扫码核验报告真伪', qrX - 10, top + qrSize + 4, {
      width: qrSize + 20,
      align: 'center',
    });

  const rows: [string, string][] = [
    ['主体名称', content.subject.name],
    ['统一社会信用代码', content.subject.uscc ?? '—'],
    ['报告编号', stamp.number],
    ['校验码', stamp.checkCode],
    ['查询时间', `${stamp.queriedAt}（北京时间）`],
    ['查询范围', '查询时点处于公示期内的公共信用信息'],
  ];
  let y = top;
  const labelW = 100;
  const valueW = qrX - MARGIN.left - labelW - 16;
  for (const [label, value] of rows) {
    doc.font('cjk').fontSize(10).fillColor(MUTED).text(label, MARGIN.left, y, { width: labelW });
    doc
      .font('cjk-bold')
      .fontSize(10)
      .fillColor(INK)
      .text(value, MARGIN.left + labelW, y, { width: valueW });
    y = Math.max(doc.y, y + 16) + 3;
  }
  doc.x = MARGIN.left;
  doc.y = Math.max(y, top + qrSize + 20) + 6;
  doc
    .font('cjk')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      '说明：本报告依据武陟县公共信用信息平台归集并依法公示的信息生成，按《公共信用信息报告标准（2022年版）》的内容分类编排。' +
        '凭报告编号与校验码可在“信用武陟”网站“报告核验”页面核验真伪并查看报告摘要。',
      MARGIN.left,
      doc.y,
      { width: contentWidth(doc), lineGap: 2 },
    );
}

function basicInfo(doc: PDFKit.PDFDocument, content: ReportContent): void {
  heading(doc, '主体基本信息');
  const lines = [
    { label: '主体名称', value: content.subject.name },
    { label: '统一社会信用代码', value: content.subject.uscc ?? '—' },
    ...content.basic.filter((l) => l.label !== '主体名称' && l.label !== '统一社会信用代码'),
  ];
  for (const l of lines) kv(doc, l.label, l.value);
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.8);
  if (doc.y > doc.page.height - MARGIN.bottom - 60) doc.addPage();
  const y = doc.y;
  doc.rect(MARGIN.left, y, 3, 15).fill(ACCENT);
  doc
    .font('cjk-bold')
    .fontSize(13)
    .fillColor(ACCENT)
    .text(text, MARGIN.left + 10, y - 1, { width: contentWidth(doc) - 10 });
  doc.x = MARGIN.left;
  doc.moveDown(0.3);
}

function record(doc: PDFKit.PDFDocument, r: ReportRecord, n: number): void {
  if (doc.y > doc.page.height - MARGIN.bottom - 50) doc.addPage();
  doc.moveDown(0.3);
  const title = r.date ? `${n}. ${r.title}（${r.date}）` : `${n}. ${r.title}`;
  doc
    .font('cjk-bold')
    .fontSize(10)
    .fillColor(INK)
    .text(title, MARGIN.left, doc.y, { width: contentWidth(doc) });
  for (const l of r.lines) kv(doc, l.label, l.value, 14);
}

function kv(doc: PDFKit.PDFDocument, label: string, value: string, indent = 0): void {
  const x = MARGIN.left + indent;
  doc
    .font('cjk')
    .fontSize(9.5)
    .fillColor(MUTED)
    .text(`${label}：`, x, doc.y, { continued: true, width: contentWidth(doc) - indent, lineGap: 1.5 })
    .fillColor(INK)
    .text(value);
  doc.x = MARGIN.left;
}

function para(doc: PDFKit.PDFDocument, text: string, color = INK, align: 'left' | 'center' = 'left'): void {
  doc
    .font('cjk')
    .fontSize(10)
    .fillColor(color)
    .text(text, MARGIN.left, doc.y, { width: contentWidth(doc), align, lineGap: 2 });
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

/** The QR code as filled squares (vector, crisp at any zoom), from the qrcode package's module matrix. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
  doc.fill('#000000');
}

/** Header, footer with page numbers and the note on use, and the watermark, drawn once all pages exist. */
function decoratePages(doc: PDFKit.PDFDocument, stamp: ReportStamp): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    // Drawing in the margins must not start a new page.
    const saved = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };

    watermark(doc, '信用武陟 · 仅供查询使用', width / 2, height / 2);

    doc.font('cjk').fontSize(8.5).fillColor(MUTED, 1);
    doc.text(`信用武陟 · ${REPORT_TITLE}`, MARGIN.left, 36, { lineBreak: false });
    doc.text(`报告编号：${stamp.number}`, MARGIN.left, 36, {
      width: width - MARGIN.left - MARGIN.right,
      align: 'right',
    });
    doc
      .moveTo(MARGIN.left, 50)
      .lineTo(width - MARGIN.right, 50)
      .lineWidth(0.5)
      .strokeColor('#cbd5e1')
      .stroke();
    doc
      .moveTo(MARGIN.left, height - 52)
      .lineTo(width - MARGIN.right, height - 52)
      .stroke();
    doc.text(USE_NOTE, MARGIN.left, height - 46, { width: width - MARGIN.left - MARGIN.right, align: 'center' });
    doc.text(`第 ${i + 1} 页 共 ${range.count} 页`, MARGIN.left, height - 32, {
      width: width - MARGIN.left - MARGIN.right,
      align: 'center',
    });
    doc.page.margins = saved;
  }
}

interface GlyphRun {
  glyphs: { path: { translate(x: number, y: number): { toSVG(): string } } }[];
  positions: { xAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}
interface LayoutFont {
  unitsPerEm: number;
  layout(text: string): GlyphRun;
}

/**
 * A faint diagonal watermark drawn as glyph outlines, not as text: a copy-and-paste or a text extraction of
 * the report gets its content, not the watermark's characters strewn between the lines.
 */
let watermarkOutline: { svg: string; width: number; unitsPerEm: number } | null = null;

function watermark(doc: PDFKit.PDFDocument, text: string, cx: number, cy: number): void {
  // The outline is the same on every page of every report: computed once per process.
  if (!watermarkOutline) {
    doc.font('cjk-bold');
    const font = (doc as unknown as { _font: { font: LayoutFont } })._font.font;
    const run = font.layout(text);
    // One path of every glyph, each moved to its place (a path may not be interrupted by state changes).
    let x = 0;
    const svg = run.glyphs
      .map((g, i) => {
        const p = run.positions[i]!;
        const part = g.path.translate(x + p.xOffset, p.yOffset).toSVG();
        x += p.xAdvance;
        return part;
      })
      .join(' ');
    watermarkOutline = { svg, width: run.advanceWidth, unitsPerEm: font.unitsPerEm };
  }
  const size = 40;
  const scale = size / watermarkOutline.unitsPerEm;
  doc.save();
  doc.rotate(-30, { origin: [cx, cy] });
  doc.translate(cx - (watermarkOutline.width * scale) / 2, cy + size / 3);
  doc.scale(scale, -scale);
  doc.path(watermarkOutline.svg);
  doc.fillColor('#1e3a8a', 0.06).fill();
  doc.restore();
}
