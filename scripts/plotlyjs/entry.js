'use strict';
// The trace types the briefings draw. Keep in step with TRACES in build.js (written into the
// bundle's header, which libya_conflict.plotlyjs reads to decide when the bundle is enough).
var Plotly = require('plotly.js/lib/core'); // core registers scatter
Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/choropleth'), // district maps (issue 13)
]);
module.exports = Plotly;
