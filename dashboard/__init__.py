"""元宇宙政策地图 / China Metaverse Plans Map."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "policy_data"
# A deployment may keep the boundaries elsewhere (read-only volume): METAVERSE_MAP_GEODATA_DIR.
GEODATA_DIR = Path(os.environ.get("METAVERSE_MAP_GEODATA_DIR") or PROJECT_ROOT / "geodata")
ASSETS_DIR = PROJECT_ROOT / "assets"
