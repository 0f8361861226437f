"""The map's picture (assets/first-paint.js firstPicture), drawn from the outlines before plotly.js has
loaded, must be plotly.js's drawing of the same figure: same provinces in the same places and colours, same
markers, at every size and for every kind of map. Compared in the page with plotly.js drawing the page's own
first figure beside it at the live map's size."""

import json

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import severe_console_errors

# Draws the page's first figure twice at the live map's size, as the picture and with plotly.js, and
# returns what each drew: per province its box (the picture's clipped to its subplot's clip rectangle) and
# fill, per marker its centre and diameter.
COMPARE = r"""
var done = arguments[arguments.length - 1];
var payload = JSON.parse(document.getElementById('first-figure').textContent);
var live = document.querySelector('.map-graph .js-plotly-plot').getBoundingClientRect();
function holder(id) {
  var div = document.createElement('div');
  div.id = id;
  div.style.cssText = 'position:absolute;left:0;top:0;width:' + live.width + 'px;height:' + live.height + 'px';
  document.body.appendChild(div);
  return div;
}
function box(r) { return [r.left, r.top, r.right, r.bottom]; }
var pictureDiv = holder('picture-under-test'), plotlyDiv = holder('plotly-under-test');
var svg = firstPicture.draw(JSON.parse(JSON.stringify(payload.figure)), window.PlotlyGeoAssets, pictureDiv);
if (!svg) { done(JSON.stringify({picture: null})); return; }
pictureDiv.appendChild(svg);
var figure = JSON.parse(JSON.stringify(payload.figure));
Plotly.newPlot(plotlyDiv, figure.data, figure.layout, {staticPlot: true, topojsonURL: '/assets/topojson/'}).then(function () {
  var origin = pictureDiv.getBoundingClientRect();
  var picture = Array.from(svg.querySelectorAll('path.province')).map(function (p) {
    var geo = p.parentNode.getAttribute('clip-path').replace('url(#first-picture-', '').replace(')', '');
    var rect = svg.querySelector('#first-picture-' + geo + ' rect');
    var clip = [+rect.getAttribute('x'), +rect.getAttribute('y')];
    clip = [origin.left + clip[0], origin.top + clip[1], origin.left + clip[0] + +rect.getAttribute('width'),
            origin.top + clip[1] + +rect.getAttribute('height')];
    return {geo: geo, id: p.getAttribute('data-id'), box: box(p.getBoundingClientRect()), clip: clip, fill: p.getAttribute('fill')};
  });
  var plotly = [];
  plotlyDiv.querySelectorAll('g.geo').forEach(function (g) {
    var geo = g.getAttribute('class').split(' ')[1];
    g.querySelectorAll('path.choroplethlocation').forEach(function (p) {
      plotly.push({geo: geo, id: p.__data__.loc, box: box(p.getBoundingClientRect()), fill: getComputedStyle(p).fill});
    });
  });
  function centre(r) { return [(r.left + r.right) / 2, (r.top + r.bottom) / 2, r.width]; }
  done(JSON.stringify({
    picture: picture, plotly: plotly,
    pictureMarkers: Array.from(svg.querySelectorAll('circle.point')).map(function (c) { return centre(c.getBoundingClientRect()); }),
    plotlyMarkers: Array.from(plotlyDiv.querySelectorAll('g.geo path.point')).map(function (p) { return centre(p.getBoundingClientRect()); })
  }));
}, function (error) { done(JSON.stringify({error: String(error)})); });
"""

LIVE_MAP_DONE = (
    "return document.querySelectorAll('.map-graph g.geo path.choroplethlocation').length > 0"
    " && !document.getElementById('first-paint')"
)


def rgb(text: str) -> list[int]:
    return [int(float(v)) for v in text[text.index("(") + 1 : text.index(")")].split(",")[:3]]


def inside(inner: list[float], outer: list[float], slack: float) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


@pytest.mark.parametrize(
    ("query", "window"),
    [
        ("/", (1366, 900)),  # the national map with its inset, on a laptop
        ("/", (390, 844)),  # on a phone (the map is 4:5 there)
        ("/?lang=en&metric=industry_scale_cny", (1000, 800)),  # English labels widen the colour bar
        ("/?drill=330000", (1366, 900)),  # a province's cities: one subplot, its own projection centre
    ],
)
def test_the_picture_is_plotlys_drawing_of_the_same_figure(app_url, browser_factory, query, window):
    driver = browser_factory()
    driver.set_window_size(*window)
    driver.set_script_timeout(30)
    driver.get(app_url + query)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script(LIVE_MAP_DONE))
    drawn = json.loads(driver.execute_async_script(COMPARE))
    assert drawn.get("picture"), drawn  # the page's figure can be pictured
    plotly = {(p["geo"], p["id"]): p for p in drawn["plotly"]}
    assert sorted(plotly) == sorted((p["geo"], p["id"]) for p in drawn["picture"])
    whole = 0
    for shape in drawn["picture"]:
        theirs = plotly[(shape["geo"], shape["id"])]
        assert max(abs(a - b) for a, b in zip(rgb(shape["fill"]), rgb(theirs["fill"]), strict=True)) <= 1, shape
        if inside(shape["box"], shape["clip"], 0.5):  # not cut by the subplot's edge: the same box
            whole += 1
            assert max(abs(a - b) for a, b in zip(shape["box"], theirs["box"], strict=True)) <= 1.5, (shape, theirs)
        elif theirs["box"][2] > theirs["box"][0]:  # cut: plotly.js's (cut) shape lies within the picture's
            clipped = [max(shape["box"][i], shape["clip"][i]) for i in (0, 1)]
            clipped += [min(shape["box"][i], shape["clip"][i]) for i in (2, 3)]
            assert inside(theirs["box"], clipped, 1.5), (shape, theirs)
    assert whole >= 0.7 * len(drawn["picture"])  # most provinces are compared whole
    assert len(drawn["pictureMarkers"]) == len(drawn["plotlyMarkers"])
    for ours, theirs in zip(drawn["pictureMarkers"], drawn["plotlyMarkers"], strict=True):
        assert max(abs(a - b) for a, b in zip(ours, theirs, strict=True)) <= 1, (ours, theirs)
    assert severe_console_errors(driver) == []
