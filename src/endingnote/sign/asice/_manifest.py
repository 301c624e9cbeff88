"""``ASiCManifest`` / ``ASiCArchiveManifest`` XML (ETSI EN 319 162-1, namespace v1.2.1).

Written by string templating (deterministic bytes, no XML library needed); read with a hardened
lxml parser (no DTD, no entities, no network). The older namespace ``http://uri.etsi.org/2918/v1.1.1#``
is accepted on read.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from endingnote.sign._limits import MANIFEST_BYTES

NS = "http://uri.etsi.org/02918/v1.2.1#"
NS_OLD = "http://uri.etsi.org/2918/v1.1.1#"
DS = "http://www.w3.org/2000/09/xmldsig#"
DIGEST_URIS = {
    "sha256": "http://www.w3.org/2001/04/xmlenc#sha256",
    "sha384": "http://www.w3.org/2001/04/xmldsig-more#sha384",
    "sha512": "http://www.w3.org/2001/04/xmlenc#sha512",
}
_BY_URI = {v: k for k, v in DIGEST_URIS.items()}
MAX_MANIFEST = MANIFEST_BYTES.value


class ManifestError(ValueError):
    """The manifest is malformed; the message says how."""


class UnsupportedDigest(ManifestError):
    def __init__(self, uri: str) -> None:
        super().__init__(uri)
        self.uri = uri


@dataclass(frozen=True, slots=True)
class Reference:
    """One ``DataObjectReference``: the archive entry name (URI-decoded) and its digest."""

    name: str
    mime_type: str
    algorithm: str
    digest: bytes


@dataclass(frozen=True, slots=True)
class Manifest:
    sig_reference: str
    sig_mime_type: str
    references: tuple[Reference, ...]


def uri_for(name: str) -> str:
    return urllib.parse.quote(name, safe="/")


def build_manifest(sig_reference: str, sig_mime_type: str, references: list[Reference]) -> bytes:
    """Serialise a manifest (``ASiCManifest`` element; archive manifests use the same shape)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<asic:ASiCManifest xmlns:asic="{NS}" xmlns:ds="{DS}">',
        f"  <asic:SigReference URI={quoteattr(uri_for(sig_reference))} MimeType={quoteattr(sig_mime_type)}/>",
    ]
    for ref in references:
        lines += [
            f"  <asic:DataObjectReference URI={quoteattr(uri_for(ref.name))}"
            f" MimeType={quoteattr(ref.mime_type)}>",
            f"    <ds:DigestMethod Algorithm={quoteattr(DIGEST_URIS[ref.algorithm])}/>",
            f"    <ds:DigestValue>{base64.b64encode(ref.digest).decode('ascii')}</ds:DigestValue>",
            "  </asic:DataObjectReference>",
        ]
    lines.append("</asic:ASiCManifest>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _name_from_uri(uri: str | None) -> str:
    if not uri:
        raise ManifestError("a reference has no URI")
    parsed = urllib.parse.urlsplit(uri)
    if parsed.scheme or parsed.netloc or parsed.query or parsed.fragment or uri.startswith("/"):
        raise ManifestError(f"the URI is not a relative path: {uri}")
    return urllib.parse.unquote(parsed.path, errors="strict")


def parse_manifest(data: bytes) -> Manifest:
    """Parse manifest bytes; raise :class:`ManifestError` (or :class:`UnsupportedDigest`)."""
    from lxml import etree

    if len(data) > MAX_MANIFEST:
        raise ManifestError("too large")
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        raise ManifestError("a DOCTYPE is not allowed")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ManifestError(f"not well-formed XML: {exc}") from exc
    ns = etree.QName(root).namespace
    if ns not in (NS, NS_OLD) or etree.QName(root).localname != "ASiCManifest":
        raise ManifestError(f"root element is not ASiCManifest in {NS}")
    sig_refs = root.findall(f"{{{ns}}}SigReference")
    if len(sig_refs) != 1:
        raise ManifestError("exactly one SigReference is required")
    references = []
    for element in root.findall(f"{{{ns}}}DataObjectReference"):
        method = element.find(f"{{{DS}}}DigestMethod")
        value = element.find(f"{{{DS}}}DigestValue")
        if method is None or value is None:
            raise ManifestError("a DataObjectReference lacks DigestMethod or DigestValue")
        uri = method.get("Algorithm") or ""
        if uri not in _BY_URI:
            raise UnsupportedDigest(uri)
        try:
            digest = base64.b64decode((value.text or "").strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ManifestError(f"bad base64 digest: {exc}") from exc
        references.append(
            Reference(_name_from_uri(element.get("URI")), element.get("MimeType") or "", _BY_URI[uri], digest)
        )
    if not references:
        raise ManifestError("no DataObjectReference")
    return Manifest(
        _name_from_uri(sig_refs[0].get("URI")), sig_refs[0].get("MimeType") or "", tuple(references)
    )
