import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A printed page as poppler reads it: its text, and each page's size in millimetres. */
export interface PrintedPdf {
  pages: Array<{ widthMm: number; heightMm: number; text: string }>;
}

const mmPerPoint = 25.4 / 72;

function poppler(tool: 'pdfinfo' | 'pdftotext', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} is missing: print tests read PDFs with Debian's poppler-utils (apt-get install poppler-utils)`);
    throw error;
  }
}

/** Reads a PDF (Chromium's page.pdf()) with pdfinfo and pdftotext from Debian's poppler-utils. */
export function readPdf(pdf: Buffer): PrintedPdf {
  const dir = mkdtempSync(join(tmpdir(), 'campgrid-print-'));
  try {
    const file = join(dir, 'printed.pdf');
    writeFileSync(file, pdf);
    const info = poppler('pdfinfo', ['-f', '1', '-l', '9999', file]);
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ widthMm: Number(m[1]) * mmPerPoint, heightMm: Number(m[2]) * mmPerPoint }));
    // pdftotext ends each page with a form feed.
    const texts = poppler('pdftotext', ['-layout', file, '-']).split('\f');
    return { pages: sizes.map((size, i) => ({ ...size, text: texts[i] ?? '' })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
