import { Diagnostics, formatDiagnostics } from '../src/diagnostics.js';
import { loadSiteData } from '../src/config.js';
import { ingest } from '../src/ingest/index.js';
import { normalise } from '../src/normalise/index.js';
import { hastToHtml } from '../src/hast.js';
const dir = process.argv[2]!;
const d = new Diagnostics();
const data = loadSiteData(dir, d);
const raws = await ingest(dir, data.site.ignore, d);
const arts = normalise(raws, data, d);
for (const a of arts.slice(0, Number(process.argv[3] ?? 100))) {
  console.log(JSON.stringify({ ...a, body: undefined, text: a.text.slice(0, 100), diagnostics: a.diagnostics.map(x=>x.code) }));
  if (process.argv[4]) console.log(hastToHtml(a.body));
}
console.log(formatDiagnostics(d.list()));
