import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * The laptop copy of a report: `<dir>/report-<dt>.html` and `<dir>/latest.html`, each written to
 * a temp file and renamed, so a browser refreshing `latest.html` never reads half a file.
 */
export function localReportCopy(dir: string): (dt: string, html: string) => Promise<string[]> {
  const root = resolve(dir);
  return async (dt, html) => {
    await mkdir(root, { recursive: true });
    const paths: string[] = [];
    for (const name of [`report-${dt}.html`, 'latest.html']) {
      const path = join(root, name);
      const temp = join(root, `.${name}.${process.pid}.tmp`);
      await writeFile(temp, html);
      await rename(temp, path);
      paths.push(path);
    }
    return paths;
  };
}
