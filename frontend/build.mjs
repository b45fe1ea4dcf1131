// Copies the vendored front-end packages into the Django static tree.
// Run with `npm ci && npm run build`; the output is committed.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, "../samverkan/static/vendor");
const nm = resolve(here, "node_modules");

mkdirSync(`${out}/govuk`, { recursive: true });
mkdirSync(`${out}/htmx`, { recursive: true });
mkdirSync(resolve(here, "../tests/e2e/vendor"), { recursive: true });

const css = sass.compile(resolve(here, "scss/samverkan.scss"), {
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["mixed-decls", "import", "global-builtin"],
});
writeFileSync(`${out}/govuk/govuk-frontend.min.css`, css.css);
cpSync(`${nm}/govuk-frontend/dist/govuk/govuk-frontend.min.js`, `${out}/govuk/govuk-frontend.min.js`);
// govuk-frontend is MIT (see its package.json); its crown images are deliberately not copied.
// The stylesheet still names the crest (for a footer logo we never use): an empty image
// stands in, so that collectstatic's manifest storage finds every file the CSS refers to.
mkdirSync(`${out}/govuk/assets/images`, { recursive: true });
writeFileSync(
  `${out}/govuk/assets/images/govuk-crest.svg`,
  '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
);
cpSync(`${nm}/htmx.org/dist/htmx.min.js`, `${out}/htmx/htmx.min.js`);
cpSync(`${nm}/htmx.org/LICENSE`, `${out}/htmx/LICENSE`);
// axe-core is a test tool: the browser tests inject it; pages never load it.
cpSync(`${nm}/axe-core/axe.min.js`, resolve(here, "../tests/e2e/vendor/axe.min.js"));
cpSync(`${nm}/axe-core/LICENSE`, resolve(here, "../tests/e2e/vendor/axe-core-LICENSE"));
console.log("vendored into", out);
