// Build libya-conflict's partial plotly.js bundle (run by scripts/build_plotlyjs.sh).
// Same esbuild settings as plotly.js's own esbuild-config.js, minus the WebGL plugin that
// none of these traces needs.
'use strict';
const fs = require('fs');
const esbuild = require('esbuild');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { environmentPlugin } = require('esbuild-plugin-environment');

const TRACES = ['scatter', 'bar', 'scattergeo', 'choropleth'];
const out = process.argv[2];
const version = require('plotly.js/package.json').version;

esbuild.build({
    entryPoints: ['entry.js'], format: 'iife', globalName: 'Plotly', bundle: true,
    minify: true, sourcemap: false, legalComments: 'inline', write: false,
    plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
    alias: { stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016', logLevel: 'warning',
}).then((result) => {
    const header = `/* libya-conflict partial bundle of plotly.js v${version}; ` +
        `traces: ${TRACES.join(',')}. Built by scripts/build_plotlyjs.sh.\n` +
        ' * plotly.js: Copyright 2012-2026, Plotly, Inc.; MIT license. */\n';
    fs.writeFileSync(out, header + result.outputFiles[0].text);
}).catch(() => process.exit(1));
