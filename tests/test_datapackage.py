"""Other tools can read the dataset: Frictionless validates the package as published."""

import frictionless
import pytest

from dashboard import DEFAULT_DATA_DIR
from dashboard.data.dataset import schema


def test_frictionless_validates_the_package():
    report = frictionless.validate(str(DEFAULT_DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("codebook_file", ["README.md", "README.zh.md"])
def test_every_field_is_documented_in_the_codebook(codebook_file):
    codebook = (DEFAULT_DATA_DIR / codebook_file).read_text(encoding="utf-8")
    for resource in schema()["resources"]:
        assert f"### {resource['path']}" in codebook
        for field in resource["schema"]["fields"]:
            assert f"`{field['name']}`" in codebook, field["name"]
            for value in field.get("constraints", {}).get("enum", []):
                assert f"`{value}`" in codebook, (field["name"], value)
