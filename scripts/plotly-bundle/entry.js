// The plotly.js traces the dashboard draws, and nothing else (see scripts/build-plotly-bundle.sh).
// Keep in step with dashboard/charts/plotlyjs.py TRACE_TYPES: a test checks every figure against that list.
var Plotly = require('plotly.js/lib/core'); // core registers scatter
Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/scattergeo'), require('plotly.js/lib/choropleth')]);
module.exports = Plotly;
