"""Vendor extensions (独自項目): the namespace registry and the checks of extension data.

Vendor items live under a namespace URI the vendor owns; documents map short local aliases to
those URIs in ``header.extensions`` (the way GEDCOM 7's ``HEAD.SCHMA`` maps tags to URIs) and
write vendor data only in the ``extensions`` slot of the root or of a record object. The registry
in ``standard/extensions/`` holds one YAML file per namespace, checked by a meta-schema.
"""

from __future__ import annotations

from endingnote.extensions._check import check_document_extensions, iter_document_extensions
from endingnote.extensions._model import ExtCode, ExtField, Namespace, Registry
from endingnote.extensions._registry import check_file, load_registry, registered_uris, registry_dir

__all__ = [
    "ExtCode",
    "ExtField",
    "Namespace",
    "Registry",
    "check_document_extensions",
    "check_file",
    "iter_document_extensions",
    "load_registry",
    "registered_uris",
    "registry_dir",
]
