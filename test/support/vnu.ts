/**
 * HTML validation with the Nu Html Checker (vnu.jar), many documents per Java process.
 *
 * The JVM takes about a second to start, so a suite collects its pages and validates them in one
 * `validateHtml` call. Validation is required: without a Java runtime this throws, it never skips.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface VnuPage {
  name: string;
  html: string;
}

export interface VnuError {
  line?: number;
  column?: number;
  message: string;
  extract?: string;
}

export interface VnuResult {
  name: string;
  errors: VnuError[];
}

interface VnuMessage {
  type?: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  firstLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message?: string;
  extract?: string;
}

/** Path of vnu.jar inside the vnu-jar package. */
export const vnuJarPath: string = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar')), 'build/dist/vnu.jar');

const javaCommand = process.env.JAVA ?? 'java';
let javaChecked: boolean | undefined;

/** Whether a Java runtime answers `java -version` (cached). */
export function hasJava(): boolean {
  javaChecked ??= spawnSync(javaCommand, ['-version'], { stdio: 'ignore' }).status === 0;
  return javaChecked;
}

function requireJava(): void {
  if (!hasJava()) {
    throw new Error(
      `HTML validation needs a Java runtime (Java 17+) for vnu.jar, but \`${javaCommand} -version\` failed. ` +
        'Install one, e.g. `apt-get install -y default-jre-headless`, or set JAVA to the java binary. ' +
        'Page validation is required and is never skipped.',
    );
  }
}

/** A file-system-safe, unique file name for each page, keeping the page name readable. */
function fileNameFor(name: string, index: number): string {
  const safe =
    name
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 80) || 'page';
  return `${String(index).padStart(4, '0')}-${safe}.html`;
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(javaCommand, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function parseReport(text: string): VnuMessage[] | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(text.slice(start)) as { messages?: VnuMessage[] };
    return Array.isArray(parsed.messages) ? parsed.messages : undefined;
  } catch {
    return undefined;
  }
}

function urlToPath(url: string): string | undefined {
  try {
    return path.resolve(fileURLToPath(url));
  } catch {
    return undefined;
  }
}

/**
 * Validate every page in one vnu.jar run; returns one result per page, in input order, with its
 * errors (fatal errors included; warnings and info messages excluded).
 */
export async function validateHtml(pages: VnuPage[]): Promise<VnuResult[]> {
  if (pages.length === 0) return [];
  requireJava();
  const dir = await mkdtemp(path.join(tmpdir(), 'masthead-vnu-'));
  try {
    const files = pages.map((page, i) => path.join(dir, fileNameFor(page.name, i)));
    await Promise.all(pages.map((page, i) => writeFile(files[i]!, page.html, 'utf8')));
    const byFile = new Map<string, VnuResult>(files.map((file, i) => [path.resolve(file), { name: pages[i]!.name, errors: [] }]));

    // A bigger thread stack keeps the checker from overflowing on deeply nested documents.
    const { code, stdout, stderr } = await run(['-Xss4m', '-jar', vnuJarPath, '--format', 'json', '--errors-only', ...files]);
    const messages = parseReport(stderr) ?? parseReport(stdout);
    if (!messages) {
      throw new Error(`vnu.jar produced no JSON report (exit code ${code}):\n${stderr}${stdout}`.trimEnd());
    }

    for (const m of messages) {
      if (m.type === 'info') continue;
      const result = m.url ? byFile.get(urlToPath(m.url) ?? '') : undefined;
      if (!result) {
        // Not tied to one of our files (an I/O or internal error): the run can't be trusted.
        throw new Error(`vnu.jar reported a problem outside the checked pages: ${JSON.stringify(m)}`);
      }
      const error: VnuError = { message: m.subType === 'fatal' ? `Fatal: ${m.message ?? ''}` : (m.message ?? '') };
      const line = m.lastLine ?? m.firstLine;
      if (line !== undefined) error.line = line;
      const column = m.firstColumn ?? m.lastColumn;
      if (column !== undefined) error.column = column;
      if (m.extract !== undefined) error.extract = m.extract;
      result.errors.push(error);
    }
    if (code !== 0 && [...byFile.values()].every((r) => r.errors.length === 0)) {
      throw new Error(`vnu.jar exited with code ${code} but reported no errors:\n${stderr}${stdout}`.trimEnd());
    }
    return [...byFile.values()];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A readable report of the pages that have errors, for assertion messages ('' when none do). */
export function formatVnuErrors(results: VnuResult[]): string {
  return results
    .filter((r) => r.errors.length > 0)
    .map((r) => {
      const lines = r.errors.map((e) => {
        const where = e.line !== undefined ? `line ${e.line}${e.column !== undefined ? `:${e.column}` : ''}: ` : '';
        const extract = e.extract ? `\n      ${JSON.stringify(e.extract.replace(/\s+/g, ' '))}` : '';
        return `  - ${where}${e.message}${extract}`;
      });
      return `${r.name} (${r.errors.length} error${r.errors.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
    })
    .join('\n\n');
}
