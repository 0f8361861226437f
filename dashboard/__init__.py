"""元宇宙政策地图 / China Metaverse Plans Map."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "policy_data"
GEODATA_DIR = PROJECT_ROOT / "geodata"
ASSETS_DIR = PROJECT_ROOT / "assets"
