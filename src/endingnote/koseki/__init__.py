"""Family registers (戸籍): the register model, its JSON form, a parser for the text of a
全部事項証明, electronic certificates (戸籍電子証明書) with providers, register chains, and the
family graph the heir engine reads.

Name comparison (誤字/俗字 vs 正字, width, IVS) lives in the public module
:mod:`endingnote.koseki.names`; 和暦 reading in :func:`parse_date` (from :mod:`endingnote.calendar`).
"""

from __future__ import annotations

from endingnote.calendar import WarekiError, parse_date
from endingnote.koseki._chain import ChainReport, Gap, PersonChain, RegisterRequest, check_chains
from endingnote.koseki._ecert import (
    ECERT_FORMAT,
    ECertResult,
    add_months,
    ecert_content,
    sign_ecert,
    valid_code,
    verify_ecert,
)
from endingnote.koseki._graph import build_family_graph, family_graph_from_files, source_id, to_family_graph
from endingnote.koseki._json import FORMAT, register_from_json, register_to_json
from endingnote.koseki._lines import dependents
from endingnote.koseki._load import LoadResult, load_register_bytes, load_registers
from endingnote.koseki._model import (
    ENTRY_LABELS,
    CertificateKind,
    Certification,
    Entry,
    EntryType,
    Furigana,
    Member,
    Name,
    Register,
    RegisterEvent,
    RegisterEventType,
    RegisterRef,
)
from endingnote.koseki._persons import Person, Persons, index_persons
from endingnote.koseki._providers import (
    CertificateProvider,
    DirectoryProvider,
    FetchResult,
    HttpProvider,
    LocalCertificateServer,
    resolve,
)
from endingnote.koseki._stays import Link, Stay, stay_of
from endingnote.koseki._supersede import select_certificates
from endingnote.koseki._text import parse_certificate_text

__all__ = [
    "ECERT_FORMAT",
    "ENTRY_LABELS",
    "FORMAT",
    "CertificateKind",
    "CertificateProvider",
    "Certification",
    "ChainReport",
    "DirectoryProvider",
    "ECertResult",
    "Entry",
    "EntryType",
    "FetchResult",
    "Furigana",
    "Gap",
    "HttpProvider",
    "Link",
    "LoadResult",
    "LocalCertificateServer",
    "Member",
    "Name",
    "Person",
    "PersonChain",
    "Persons",
    "Register",
    "RegisterEvent",
    "RegisterEventType",
    "RegisterRef",
    "RegisterRequest",
    "Stay",
    "WarekiError",
    "add_months",
    "build_family_graph",
    "check_chains",
    "dependents",
    "ecert_content",
    "family_graph_from_files",
    "index_persons",
    "load_register_bytes",
    "load_registers",
    "parse_certificate_text",
    "parse_date",
    "register_from_json",
    "register_to_json",
    "resolve",
    "select_certificates",
    "sign_ecert",
    "source_id",
    "stay_of",
    "to_family_graph",
    "valid_code",
    "verify_ecert",
]
