"""ASiC-E packages (ETSI EN 319 162-1): writing, hostile-input-safe reading, archive renewal."""

from endingnote.sign.asice._container import MIMETYPE, Container, Limits, open_container
from endingnote.sign.asice._manifest import Manifest, ManifestError, Reference, build_manifest, parse_manifest
from endingnote.sign.asice._renew import renew_package
from endingnote.sign.asice._write import MANIFEST_NAME, NOTE_NAME, SIGNATURE_NAME, create_package

__all__ = [
    "MANIFEST_NAME",
    "MIMETYPE",
    "NOTE_NAME",
    "SIGNATURE_NAME",
    "Container",
    "Limits",
    "Manifest",
    "ManifestError",
    "Reference",
    "build_manifest",
    "create_package",
    "open_container",
    "parse_manifest",
    "renew_package",
]
