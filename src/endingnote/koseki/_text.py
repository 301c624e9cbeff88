"""Parse the text of a computerised 全部事項証明 as a person would type it or OCR would read it.

The layout (戸籍法施行規則 付録第22号様式 as printed by the 戸籍情報システム)::

    全部事項証明
    本　　籍　東京都千代田区神田一丁目３番地
    氏　　名　山田　太郎
    戸籍事項
      戸籍改製　【改製日】平成１６年１０月２日
                【改製事由】平成６年法務省令第５１号附則第２条第１項による改製
    戸籍に記録されている者　【名】太郎
                【生年月日】昭和２５年４月１日　【配偶者区分】夫
                【父】山田高雄 【母】山田松子 【続柄】長男
    身分事項
      出　　生　【出生日】昭和２５年４月１日
                【出生地】東京都千代田区
      死　　亡　【死亡日】令和６年３月１５日
                【死亡時分】午前１０時３０分

Full-width and half-width forms, ``【】`` or ``[]`` brackets, 和暦 or Gregorian dates, kanji or
Arabic numerals and titles spelt with spaces (``出　　生``) are all accepted. Every finding is an
:class:`~endingnote.Issue` at ``line:N``. Names are kept exactly as written (MJ/IVS preserved).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from endingnote._issues import Issue, Severity
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._certification import CertificateReader, fold, squash
from endingnote.koseki._limits import TEXT_LINES, VALUE_CHARS
from endingnote.koseki._model import (
    CertificateKind,
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
from endingnote.koseki._paper import is_paper_layout, parse_paper_text
from endingnote.koseki._time import parse_time
from endingnote.koseki.names import split_full_name

MAX_LINES = TEXT_LINES.value
MAX_VALUE = VALUE_CHARS.value

_FIELD = re.compile(r"[【\[]([^】\]【\[]+)[】\]]([^【\[]*)")
_HONSEKI = re.compile(r"^[【\[]?本\s*籍[】\]]?\s*(.*)$")
_HEAD = re.compile(r"^[【\[]?氏\s*名[】\]]?\s*(.*)$")
_SEPARATOR = re.compile(r"^[\s\-─━―=＝_*・.。]+$")

_EVENT_TITLES = {
    "戸籍編製": RegisterEventType.CREATED,
    "編製": RegisterEventType.CREATED,
    "転籍": RegisterEventType.TRANSFERRED,
    "戸籍改製": RegisterEventType.REFORMATTED,
    "改製": RegisterEventType.REFORMATTED,
    "戸籍消除": RegisterEventType.CLOSED,
    "消除": RegisterEventType.CLOSED,
    "氏の変更": RegisterEventType.SURNAME_CHANGED,
}
_ENTRY_TITLES = {
    "出生": EntryType.BIRTH,
    "認知": EntryType.ACKNOWLEDGMENT,
    "養子縁組": EntryType.ADOPTION,
    "縁組": EntryType.ADOPTION,
    "養子離縁": EntryType.ADOPTION_DISSOLUTION,
    "離縁": EntryType.ADOPTION_DISSOLUTION,
    "特別養子縁組": EntryType.SPECIAL_ADOPTION,
    "婚姻": EntryType.MARRIAGE,
    "離婚": EntryType.DIVORCE,
    "死亡": EntryType.DEATH,
    "配偶者の死亡": EntryType.SPOUSE_DEATH,
    "失踪": EntryType.DISAPPEARANCE,
    "失踪宣告": EntryType.DISAPPEARANCE,
    "高齢者消除": EntryType.ELDERLY_REMOVAL,
    "推定相続人廃除": EntryType.DISINHERITANCE,
    "推定相続人の廃除": EntryType.DISINHERITANCE,
    "親権": EntryType.PARENTAL_AUTHORITY,
    "入籍": EntryType.ENTRY,
    "除籍": EntryType.REMOVAL,
    "分籍": EntryType.BRANCH,
    "転籍": EntryType.TRANSFER,
    "氏の変更": EntryType.SURNAME_CHANGE,
    "名の変更": EntryType.GIVEN_NAME_CHANGE,
    "国籍取得": EntryType.NATIONALITY_ACQUISITION,
    "帰化": EntryType.NATURALISATION,
    "国籍喪失": EntryType.NATIONALITY_LOSS,
    "改製": EntryType.REFORMAT,
    "移記": EntryType.REFORMAT,
    "戸籍訂正": EntryType.CORRECTION,
    "訂正": EntryType.CORRECTION,
    "復氏": EntryType.SURNAME_RESTORATION,
    "生存配偶者の復氏": EntryType.SURNAME_RESTORATION,
    "姻族関係終了": EntryType.AFFINITY_TERMINATION,
    "姻族関係の終了": EntryType.AFFINITY_TERMINATION,
}
_DATE_FIELDS = {
    "出生日", "認知日", "縁組日", "離縁日", "婚姻日", "離婚日", "死亡日", "入籍日", "除籍日", "分籍日",
    "転籍日", "氏変更日", "名の変更日", "名変更日", "国籍取得日", "帰化日", "国籍喪失日",
    "親権者を定めた日", "高齢者消除の許可日", "許可日", "改製日", "移記日", "訂正日", "記録日", "効力発生日",
    "編製日", "消除日", "配偶者の死亡日", "調停成立日", "審判確定日", "和解成立日", "請求の認諾日",
    "離婚の裁判確定日", "離縁の裁判確定日", "胎児認知日", "復氏日", "姻族関係終了日",
}  # fmt: skip
_DECREE_FIELDS = {
    "裁判確定日", "民法817条の2による裁判確定日", "失踪宣告の裁判確定日", "推定相続人廃除の裁判確定日",
    "廃除の裁判確定日",
}  # fmt: skip
_REASON_FIELDS = {
    "事由",
    "入籍事由",
    "除籍事由",
    "改製事由",
    "氏変更の事由",
    "喪失事由",
    "消除事由",
    "訂正事由",
}
_PREVIOUS_NAME_FIELDS = {"従前の氏名", "従前の氏", "従前の名", "変更前の氏", "変更前の名"}
_NATIONALITY_FIELDS = {"国籍", "取得の際の国籍", "帰化の際の国籍", "新国籍", "従前の国籍"}
_KNOWN_EXTRA = {
    "受理者", "送付を受けた日", "称する氏", "認知者の戸籍", "認知した子の戸籍", "養親の戸籍", "養子の戸籍",
    "配偶者の国籍", "配偶者の生年月日", "関連訂正事項", "従前の記録", "記録の内容", "特記事項",
    "養親氏名", "法定代理人", "移記事項", "氏", "名", "死亡した配偶者氏名", "縁組の種別",
}  # fmt: skip
_MEMBER_FIELDS = {
    "名",
    "生年月日",
    "配偶者区分",
    "父",
    "母",
    "続柄",
    "養父",
    "養母",
    "氏の振り仮名",
    "名の振り仮名",
}
_MEMBER_FIELDS |= {"振り仮名の記録日", "振り仮名の届出日"}


@dataclass
class _Field:
    name: str
    value: str
    line: int


@dataclass
class _Block:
    title: str
    line: int
    fields: list[_Field] = field(default_factory=list)


@dataclass
class _MemberDraft:
    line: int
    fields: list[_Field] = field(default_factory=list)
    removed: bool = False
    blocks: list[_Block] = field(default_factory=list)


class _Parser(CertificateReader):
    def __init__(self) -> None:
        super().__init__()
        self.honseki: str | None = None
        self.head_text: str | None = None
        self.events: list[_Block] = []
        self.members: list[_MemberDraft] = []
        self.section = "header"
        self.last_field: _Field | None = None
        self.pending: tuple[int, str, str] | None = None

    # --- pass 1: lines into blocks ------------------------------------------------------------

    def feed(self, n: int, raw: str) -> None:
        body = self.closing.route(n, raw)
        if body is None:
            return
        line, flat = body
        if _SEPARATOR.match(line):
            return
        self._resolve_pending(line)
        if flat.endswith(("事項証明", "事項証明書", "原戸籍", "謄本", "抄本")) and "【" not in line:
            if self.section == "header":
                if "除籍" in flat:
                    self.kind = CertificateKind.CLOSED
                elif "改製原" in flat:
                    self.kind = CertificateKind.PRE_REFORMAT
            return
        if line.count("【") != line.count("】") or line.count("[") != line.count("]"):
            self.add("koseki.text.bracket", n)
            return
        if self.section == "header":
            for pattern, attr in ((_HONSEKI, "honseki"), (_HEAD, "head_text")):
                m = pattern.match(line)
                if m:
                    value = m.group(1).strip() or None
                    if value is not None and len(value) > MAX_VALUE:
                        self._check_length(_Field("本籍" if attr == "honseki" else "氏名", value, n))
                        return
                    setattr(self, attr, value)
                    return
        if flat.startswith(("戸籍事項", "戸籍に記録されている者", "身分事項")):
            self.last_field = None
        if flat.startswith("戸籍事項"):
            self.section = "events"
            line = re.sub(r"^戸\s*籍\s*事\s*項", "", line).strip()
            if not line:
                return
        elif flat.startswith("戸籍に記録されている者"):
            self.section = "member"
            self.members.append(_MemberDraft(n))
            line = re.sub(r"^戸\s*籍\s*に\s*記\s*録\s*さ\s*れ\s*て\s*い\s*る\s*者", "", line).strip()
            line = self._strip_removed(line)
            if not line:
                return
        elif flat.startswith("身分事項"):
            if not self.members:
                self.add("koseki.text.unrecognised_line", n, text=line[:40])
                return
            self.section = "entries"
            line = re.sub(r"^身\s*分\s*事\s*項", "", line).strip()
            if not line:
                return
        self._content(n, line)

    def _strip_removed(self, line: str) -> str:
        m = re.search(r"(?:^|\s)除\s*籍\s*$", line)
        if m and self.members:
            self.members[-1].removed = True
            return line[: m.start()].strip()
        return line

    def _resolve_pending(self, line: str | None) -> None:
        """A title-only line after a field: a new entry when field lines follow it in its section,
        else the end of a wrapped value (at the end of the text: an entry cut after its title)."""
        if self.pending is None:
            return
        n, text, prefix = self.pending
        self.pending = None
        starts_field = line is not None and line.lstrip().startswith(("【", "["))
        if (line is None or starts_field) and self.section in ("events", "entries"):
            blocks = self.events if self.section == "events" else self.members[-1].blocks
            blocks.append(_Block(prefix, n))
            self.last_field = None
        elif self.last_field is not None:
            self.last_field.value += text.strip()
            self._check_length(self.last_field)

    def _content(self, n: int, line: str) -> None:
        first = min((i for i in (line.find("【"), line.find("[")) if i >= 0), default=-1)
        prefix = squash(line if first < 0 else line[:first])
        fields = [_Field(squash(m.group(1)), m.group(2).strip(), n) for m in _FIELD.finditer(line)]
        if self.section == "member":
            if prefix and squash(self._strip_removed(prefix)) == "":
                prefix = ""
            if prefix:
                self.add("koseki.text.unrecognised_line", n, text=line[:40])
                return
            self.members[-1].fields.extend(fields)
        elif self.section in ("events", "entries"):
            titles = _EVENT_TITLES if self.section == "events" else _ENTRY_TITLES
            blocks = self.events if self.section == "events" else self.members[-1].blocks
            if prefix and not fields and self.last_field is not None:
                if prefix in titles:  # 改製 may end a wrapped 改製事由, or begin an entry: the next line says
                    self.pending = (n, line, prefix)
                    return
                self.last_field.value += line.strip()  # a wrapped value continues the previous field
                self._check_length(self.last_field)
                return
            if prefix and (prefix in titles or fields):
                blocks.append(_Block(prefix, n))
            elif prefix:
                self.add("koseki.text.unrecognised_line", n, text=line[:40])
                return
            if fields and not blocks:
                for f in fields:
                    self.add("koseki.text.field_outside_block", n, field=f.name)
                return
            if fields:
                blocks[-1].fields.extend(fields)
        else:
            self.add("koseki.text.unrecognised_line", n, text=line[:40])
            return
        if fields:
            self.last_field = fields[-1]
        for f in fields:
            self._check_length(f)

    def _check_length(self, f: _Field) -> None:
        if len(f.value) > MAX_VALUE:  # the register JSON's limit, so a parsed register always serialises
            self.add(
                "koseki.text.too_long",
                f.line,
                field=f.name,
                limit=VALUE_CHARS.describe("ja"),
                limit_en=VALUE_CHARS.describe("en"),
            )
            f.value = f.value[:MAX_VALUE]

    # --- pass 2: blocks into the model -----------------------------------------------------------

    def date(self, f: _Field) -> tuple[dt.date | None, str | None]:
        return self.read_date(f.line, f.value)

    def time(self, f: _Field) -> tuple[str | None, bool]:
        value, estimated = parse_time(f.value)
        if value is None:
            self.add("koseki.text.time", f.line, value=f.value)
            return None, False
        return value, estimated

    def ref(self, f: _Field, with_head: bool) -> RegisterRef:
        parts = [p for p in re.split(r"\s+", f.value.strip()) if p]
        if not with_head or not parts:
            return RegisterRef(f.value.strip())
        cut = max(
            (i for i, p in enumerate(parts) if re.search(r"(番地|番|号|丁目|\d)$", fold(p))), default=-1
        )
        if 0 <= cut < len(parts) - 1:
            rest = parts[cut + 1 :]
            head = Name.of(rest[0], rest[1]) if len(rest) == 2 else Name("".join(rest))
            return RegisterRef("".join(parts[: cut + 1]), head)
        m = re.match(r"^(.*(?:番地|番|号))(\D.*)$", "".join(parts))
        if m:
            return RegisterRef(m[1], Name(m[2]))
        self.add("koseki.text.register_link", f.line, value=f.value)
        return RegisterRef(f.value.strip())

    def person(self, text: str, family_hint: str | None) -> Name:
        family, given = split_full_name(text, family_hint)
        if family and given:
            return Name.of(family, given)
        return Name(squash(text))

    def entry(self, block: _Block, family_hint: str | None) -> Entry | None:
        title = block.title
        type_ = _ENTRY_TITLES.get(title)
        if type_ is None:
            self.add("koseki.text.unknown_block", block.line, title=title)
            return None
        if not block.fields:
            self.add("koseki.text.entry_incomplete", block.line, title=title)
            return None
        values: dict[str, Any] = {"type": type_}
        extra: dict[str, str] = {}
        for f in block.fields:
            name = f.name
            if name in _DATE_FIELDS and "date" not in values:
                values["date"], values["date_text"] = self.date(f)
            elif name in _DECREE_FIELDS:
                values["decree_date"], text = self.date(f)
                if text:
                    extra[name] = text
            elif name == "死亡とみなされる日":
                values["deemed_death_date"], text = self.date(f)
                if text:
                    extra[name] = text
            elif name == "届出日":
                values["reported_on"], text = self.date(f)
                if text:
                    extra[name] = text
            elif name == "届出人":
                values["reporter"] = f.value
            elif name in ("出生地", "死亡地"):
                values["place"] = f.value
            elif name == "死亡時分":
                values["time"], values["time_estimated"] = self.time(f)
            elif name in ("配偶者氏名", "被相続人", "親権者"):
                values["counterpart"] = self.person(f.value, None)
            elif name in ("認知者氏名", "認知した子の氏名", "養子氏名"):
                values["counterpart"] = self.person(f.value, None)
                values["role"] = "child" if name == "認知者氏名" else "parent"
            elif name in ("養父氏名", "養母氏名"):
                key = "adoptive_father" if name == "養父氏名" else "adoptive_mother"
                values[key] = self.person(f.value, None)
                values["role"] = "child"
            elif name == "従前戸籍":
                values["previous_register"] = self.ref(f, True)
            elif name == "従前本籍":
                values["previous_register"] = RegisterRef(f.value.strip())
            elif name == "入籍戸籍":
                values["next_register"] = self.ref(f, True)
            elif name == "新本籍":
                values["next_register"] = RegisterRef(f.value.strip())
            elif name in _PREVIOUS_NAME_FIELDS:
                values["previous_name"] = f.value
            elif name in _NATIONALITY_FIELDS:
                values["nationality"] = f.value
            elif name in _REASON_FIELDS:
                values["reason"] = f.value
            elif name == "共同縁組者":
                values["co_adopter"] = squash(f.value)
            elif name == "代諾者":
                values["proxy"] = f.value
            else:
                if name not in _KNOWN_EXTRA:
                    self.add("koseki.text.unknown_field", f.line, field=name)
                extra[name] = f.value
        if type_ is EntryType.SPECIAL_ADOPTION and "date" not in values and "decree_date" in values:
            values["date"] = values["decree_date"]
        if type_ is EntryType.DISAPPEARANCE and "date" not in values:
            values["date"] = values.get("deemed_death_date")
        return Entry(extra=extra, **values)

    def event(self, block: _Block) -> RegisterEvent | None:
        type_ = _EVENT_TITLES.get(block.title)
        if type_ is None:
            self.add("koseki.text.unknown_block", block.line, title=block.title)
            return None
        values: dict[str, Any] = {"type": type_}
        extra: dict[str, str] = {}
        for f in block.fields:
            if f.name in _DATE_FIELDS and "date" not in values:
                values["date"], values["date_text"] = self.date(f)
            elif f.name in _REASON_FIELDS:
                values["reason"] = f.value
            elif f.name == "従前本籍":
                values["previous_honseki"] = f.value
            elif f.name == "新本籍":
                values["new_honseki"] = f.value
            else:
                if f.name not in _KNOWN_EXTRA:
                    self.add("koseki.text.unknown_field", f.line, field=f.name)
                extra[f.name] = f.value
        return RegisterEvent(extra=extra, **values)

    def member(self, draft: _MemberDraft, family: str | None) -> Member | None:
        values: dict[str, Any] = {}
        furigana: dict[str, Any] = {}
        seen_adoptive = False
        for f in draft.fields:
            name = f.name
            if name not in _MEMBER_FIELDS:
                self.add("koseki.text.field_outside_block", f.line, field=name)
                continue
            if name == "名":
                given = self._strip_removed_value(f.value, draft)
                values["name"] = Name.of(family, given) if family else Name(given, None, given)
            elif name == "生年月日":
                values["birth_date"], values["birth_date_text"] = self.date(f)
            elif name == "配偶者区分":
                values["spouse_role"] = squash(f.value)
            elif name in ("父", "母", "養父", "養母"):
                key = {"父": "father", "母": "mother", "養父": "adoptive_father", "養母": "adoptive_mother"}[
                    name
                ]
                values[key] = self.person(f.value, family)
                seen_adoptive = seen_adoptive or name in ("養父", "養母")
            elif name == "続柄":
                key = "adoptive_relationship" if seen_adoptive else "relationship"
                values[key] = squash(f.value)
            elif name == "氏の振り仮名":
                furigana["family"] = squash(f.value)
            elif name == "名の振り仮名":
                furigana["given"] = squash(f.value)
            else:
                furigana["recorded_on"], _ = self.date(f)
        for required in ("name", "birth_date"):
            if required not in values:
                label = "名" if required == "name" else "生年月日"
                self.add("koseki.text.member_incomplete", draft.line, field=label)
        if "name" not in values:
            return None
        values.setdefault("birth_date", None)
        if furigana:
            values["furigana"] = Furigana(
                furigana.get("family"), furigana.get("given"), None, furigana.get("recorded_on")
            )
        entries = [self.entry(b, family) for b in draft.blocks]
        return Member(removed=draft.removed, entries=tuple(e for e in entries if e), **values)

    @staticmethod
    def _strip_removed_value(value: str, draft: _MemberDraft) -> str:
        m = re.search(r"\s+除\s*籍$", value)
        if m:
            draft.removed = True
            return value[: m.start()].strip()
        return squash(value)

    def build(self, source: str | None, last_line: int) -> Register | None:
        self._resolve_pending(None)
        self.closing.finish(last_line)
        self.issues.extend(self.closing.issues)
        if self.honseki is None:
            self.add("koseki.text.no_honseki", 1)
        if self.head_text is None:
            self.add("koseki.text.no_head", 1)
        if not self.members:
            self.add("koseki.text.no_members", 1)
        head: Name | None = None
        if self.head_text:
            family, given = split_full_name(self.head_text)
            head = Name.of(family, given) if family and given else Name(squash(self.head_text))
            if head.family is None and self.members:
                first_name = next((f.value for f in self.members[0].fields if f.name == "名"), "")
                given_first = squash(first_name)
                if given_first and head.text.endswith(given_first) and head.text != given_first:
                    head = Name.of(head.text[: -len(given_first)], given_first)
        family = head.family if head else None
        events = [self.event(b) for b in self.events]
        members = [self.member(d, family) for d in self.members]
        if any(i.severity is Severity.ERROR for i in self.issues) or head is None or self.honseki is None:
            return None
        kind = self.final_kind()
        return Register(
            honseki=self.honseki,
            head=head,
            kind=kind,
            events=tuple(e for e in events if e),
            members=tuple(m for m in members if m),
            issued_on=self.closing.issued_on,
            issuer=self.closing.issuer,
            source=source,
            certification=self.closing.certification(),
        )


def parse_certificate_text(text: str, source: str | None = None) -> tuple[Register | None, list[Issue]]:
    """Parse the text of a certificate — a computerised 全部事項証明 (or 除籍全部事項証明), or the
    transcription of a paper 謄本 in its vertical reading order (:mod:`endingnote.koseki._paper`);
    return the register (``None`` when there are errors) and every finding, each at ``line:N``.

    This is the stable entry point for register text (fuzz harnesses call it); it never raises
    for any input."""
    parser = _Parser()
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        parser.add(
            "koseki.text.too_many_lines",
            MAX_LINES + 1,
            limit=TEXT_LINES.describe("ja"),
            limit_en=TEXT_LINES.describe("en"),
        )
        return None, parser.issues
    if not text.strip():
        parser.add("koseki.text.empty", 1)
        return None, parser.issues
    if is_paper_layout(lines):
        return parse_paper_text(lines, source)
    for n, raw in enumerate(lines, start=1):
        parser.feed(n, raw.lstrip("\ufeff"))
    register = parser.build(source, len(lines))
    return register, parser.issues
