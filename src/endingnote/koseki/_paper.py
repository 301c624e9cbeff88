"""Parse a paper register (縦書き) transcribed as text: 除籍謄本, 改製原戸籍謄本, old-law registers.

Paper registers (明治31年式, 大正4年式 — the 旧法戸籍 with a 戸主 — and 昭和23年式) are read column by
column, right to left. Transcribed, a register is a sequence of lines in that reading order::

    改製原戸籍
    本籍　京都府京都市上京区烏丸通壱番地
    戸主　佐々木　政吉                       (or 氏名 / 筆頭者 in a 昭和23年式 register)
    前戸主　佐々木政右衛門                   (旧法戸籍, when printed)
    ──────────
    昭和五年参月参日前戸主政右衛門死亡ニ因リ家督相続届出同月拾日受附㊞
    明治弐拾八年参月参日本籍ニ於テ出生同月拾日父政右衛門届出入籍㊞
    戸主との続柄　戸主
    父　佐々木政右衛門
    母　ハル
    続柄　長男
    名　政吉
    生年月日　明治弐拾八年参月参日
    ──────────
    …the next person…
    この謄本は、改製原戸籍の原本と相違ないことを認証する。
    令和八年九月拾日
    京都市上京区長　上京　一郎　職印

Each person is their 事項欄 (one 記載 — one sentence — per line, ㊞ optional) followed by the box
at the bottom of their column (``父`` ``母`` ``続柄`` ``名`` ``生年月日``; ``戸主との続柄`` in a 旧法戸籍;
``夫``/``妻``; ``除籍`` when the person is struck out). A line of ─ (or a new 事項欄 after a box)
starts the next person. The 戸籍事項 — which in a 旧法戸籍 stand in the 戸主's 事項欄 — are told from
a person's 身分事項 by what they say (本戸籍編製・消除, 転籍, 改製, the 戸主's 家督相続/分家/一家創立);
an optional ``戸籍事項`` line before the first person may hold them too. Write a name in a column
with a space between surname and given name where the surname is not the house's (``父　田中　源蔵``);
a mother written by her given name only (``母　ヨネ``) has the father's surname, as registers write it.

Each sentence becomes a 身分事項 with its type, dates (同日・同月… resolved by
:func:`endingnote.calendar.find_dates`), the register it came from (``…番地山田源蔵戸籍から入籍``)
or went to (``…番地に新戸籍編製につき除籍``), and the sentence itself in ``extra["記載"]``. A
sentence this reader cannot classify is kept as ``other`` with a warning, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from endingnote._issues import Issue, Severity
from endingnote.calendar import DateMention, find_dates
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._certification import CertificateReader, squash
from endingnote.koseki._limits import VALUE_CHARS
from endingnote.koseki._model import (
    CertificateKind,
    Entry,
    EntryType,
    Member,
    Name,
    Register,
    RegisterEvent,
    RegisterEventType,
    RegisterRef,
)
from endingnote.koseki._stays import is_showa32_reformat
from endingnote.koseki._time import parse_time
from endingnote.koseki.names import split_full_name

_SEPARATOR = re.compile(r"^[\s\-─━―=＝_＊*・]{3,}$")
_SEAL_END = re.compile(r"(?:㊞|[\[【(（]\s*印\s*[\]】)）])\s*$")
_PREFECTURES = (  # 47 都道府県 and 東京府 (until 1943-07-01)
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "東京府", "神奈川県", "新潟県", "富山県", "石川県",
    "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府",
    "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
    "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県",
    "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip
_PREF = "|".join(_PREFECTURES)
_N = "[0-9〇一二三四五六七八九十百壱弐参拾]"
_LOT = rf"(?:番地|番(?!地)|号)(?:[のノ]?{_N}+)?"
# a register named in a sentence: <本籍><head>戸籍から / …家ヨリ / …方ヨリ
_PLACE = rf"(?P<place>(?:{_PREF})[^、。]*?{_LOT})"
_FROM = re.compile(rf"{_PLACE}(?P<head>[^、。\s]{{1,12}}?)(?:戸籍|家|方)(?:から|より|ヨリ)")
_TO_REGISTER = re.compile(rf"{_PLACE}(?P<head>[^、。\s]{{1,12}}?)(?:戸籍|家|方)(?:に|ニ|へ|ヘ)(?:入籍|入家)")
_TO_NEW = re.compile(rf"{_PLACE}(?:に|ニ|へ|ヘ)[^、。]{{0,12}}?新戸籍")
_TRANSFER = re.compile(rf"{_PLACE}(?P<dir>から|より|ヨリ|に|ニ|へ|ヘ)転籍")
_TIME = re.compile(rf"(?:午前|午後){_N}{{1,3}}時(?:{_N}{{1,3}}分)?")
_PLACE_OF = re.compile(
    rf"日(?:(?:午前|午後)?{_N}+時(?:{_N}+分)?)?(?P<place>[^、。]*?)(?:で|ニ於テ|において)(?:出生|死亡)"
)
_PREVIOUS_HEAD = re.compile(r"前戸主(?P<name>[^、。\s]{1,12}?)(?:死亡|隠居|国籍喪失|去家|失踪|離婚|ノ|の)")
_SUCCESSOR = re.compile(r"家督相続人(?P<name>[^、。\s]{1,12}?)(?:ノ|の|家督)")
_SPOUSE = re.compile(r"日(?P<name>[^、。\s]{2,12}?)(?:と|ト)(?:婚姻|協議離婚|離婚|調停離婚|裁判離婚)")
_ADOPTERS = re.compile(r"日(?P<father>[^、。\s]{2,12}?)同人妻(?P<mother>[^、。\s]{1,8}?)(?:の|ノ)養子")

_LABELS = {
    "本籍": "honseki",
    "氏名": "head",
    "筆頭者": "head",
    "筆頭者氏名": "head",
    "戸主": "head_old",
    "前戸主": "previous_head",
    "戸主との続柄": "head_relationship",
    "戸主トノ続柄": "head_relationship",
    "父": "father",
    "母": "mother",
    "養父": "adoptive_father",
    "養母": "adoptive_mother",
    "続柄": "relationship",
    "名": "given",
    "生年月日": "birth",
    "出生": "birth",
    "配偶者": "spouse_role",
    "配偶者区分": "spouse_role",
}
_HEAD_CAUSE = ("戸主ト為リタル原因及ヒ年月日", "戸主となった原因及び年月日", "戸主ト為リタル原因")
_LABEL = re.compile(r"^(?P<label>[^\s:：]{1,10})[\s:：]+(?P<value>\S.*)$")
_TITLES = (
    "除籍謄本",
    "除籍",
    "改製原戸籍謄本",
    "改製原戸籍",
    "原戸籍",
    "戸籍謄本",
    "戸籍抄本",
    "除籍抄本",
    "謄本",
)

# 身分事項 types, the first that matches wins (a 家督相続 sentence also says 死亡; a marriage
# sentence also says 入籍 and 除籍)
_ENTRY_WORDS: tuple[tuple[str, EntryType], ...] = (
    ("家督相続", EntryType.HEADSHIP_SUCCESSION),
    ("隠居", EntryType.RETIREMENT),
    ("分家", EntryType.BRANCH_HOUSE),
    ("廃家", EntryType.HOUSE_ABOLITION),
    ("絶家", EntryType.HOUSE_EXTINCTION),
    ("一家創立", EntryType.HOUSE_FOUNDING),
    ("入家", EntryType.HOUSE_ENTRY),
    ("失踪", EntryType.DISAPPEARANCE),
    ("死亡", EntryType.DEATH),
    ("廃除", EntryType.DISINHERITANCE),
    ("特別養子", EntryType.SPECIAL_ADOPTION),
    ("離縁", EntryType.ADOPTION_DISSOLUTION),
    ("離婚", EntryType.DIVORCE),
    ("縁組", EntryType.ADOPTION),
    ("養子ト為ル", EntryType.ADOPTION),
    ("認知", EntryType.ACKNOWLEDGMENT),
    ("婚姻", EntryType.MARRIAGE),
    ("出生", EntryType.BIRTH),
    ("親権", EntryType.PARENTAL_AUTHORITY),
    ("帰化", EntryType.NATURALISATION),
    ("国籍喪失", EntryType.NATIONALITY_LOSS),
    ("国籍取得", EntryType.NATIONALITY_ACQUISITION),
    ("分籍", EntryType.BRANCH),
    ("転籍", EntryType.TRANSFER),
    ("名の変更", EntryType.GIVEN_NAME_CHANGE),
    ("氏の変更", EntryType.SURNAME_CHANGE),
    ("訂正", EntryType.CORRECTION),
    ("改製", EntryType.REFORMAT),
    ("法務省令", EntryType.REFORMAT),
    ("入籍", EntryType.ENTRY),
    ("除籍", EntryType.REMOVAL),
)
_HOUSE_EVENTS = {
    EntryType.HEADSHIP_SUCCESSION: RegisterEventType.HEADSHIP_SUCCESSION,
    EntryType.BRANCH_HOUSE: RegisterEventType.BRANCH_HOUSE,
    EntryType.HOUSE_FOUNDING: RegisterEventType.HOUSE_FOUNDED,
}


_FIELD = re.compile(r"[【\[［](?!\s*印\s*[】\]］])[^】\]］]{1,20}[】\]］]")


def is_paper_layout(lines: list[str]) -> bool:
    """Whether text is a paper register's transcription: no 【】 field of a computerised one
    (a seal written ``[印]`` is not a field)."""
    return not any(_FIELD.search(line) for line in lines[:400])


@dataclass
class _Person:
    line: int
    sentences: list[tuple[int, str]] = field(default_factory=list)
    box: dict[str, tuple[int, str]] = field(default_factory=dict)
    removed: bool = False

    @property
    def box_closed(self) -> bool:
        return "given" in self.box or "birth" in self.box


@dataclass
class _Sentence:
    line: int
    text: str
    dates: list[DateMention]

    @property
    def date(self) -> dt.date | None:
        return next((m.date for m in self.dates if m.date is not None), None)

    def date_before(self, word: str) -> dt.date | None:
        at = self.text.find(word)
        before = [m.date for m in self.dates if m.date is not None and at >= 0 and m.end <= at]
        return before[-1] if before else None


class _PaperParser(CertificateReader):
    def __init__(self) -> None:
        super().__init__()
        self.header: dict[str, tuple[int, str]] = {}
        self.head_cause: list[tuple[int, str]] = []
        self.events_section: list[tuple[int, str]] = []
        self.persons: list[_Person] = []
        self.section = "header"

    # --- lines into header, events and persons ---------------------------------------------------

    def feed(self, n: int, raw: str) -> None:
        body = self.closing.route(n, raw)
        if body is None:
            return
        line, flat = body
        if _SEPARATOR.match(line):
            self._boundary()
            return
        if len(flat) > VALUE_CHARS.value:
            self.add(
                "koseki.text.too_long",
                n,
                field="記載",
                limit=VALUE_CHARS.describe("ja"),
                limit_en=VALUE_CHARS.describe("en"),
            )
            return
        if self.section == "header" and not self.persons and self._title(flat):
            return
        if flat in ("戸籍事項", "戸籍事項欄", "(戸籍事項)", "（戸籍事項）", "（戸籍事項欄）"):
            self.section = "events"
            return
        if flat in ("身分事項", "身分事項欄", "事項欄", "（身分事項）", "（身分事項欄）"):
            self._boundary()
            return
        if flat in ("除籍", "(除籍)", "（除籍）", "×"):
            if self.persons:
                self.persons[-1].removed = True
            return
        if flat in ("夫", "妻"):
            self._box(n, "spouse_role", flat)
            return
        for cause in _HEAD_CAUSE:
            if flat.startswith(cause):
                self.head_cause.append((n, flat[len(cause) :]))
                return
        m = _LABEL.match(line)
        label = _LABELS.get(m.group("label")) if m else None
        if m is not None and label is not None:
            value = m.group("value").strip()
            if label in ("honseki", "head", "head_old", "previous_head") and not self.persons:
                self.header.setdefault(label, (n, value))
                return
            if label not in ("honseki", "head", "head_old", "previous_head"):
                self._box(n, label, value)
                return
        self._sentence(n, line)

    def _title(self, flat: str) -> bool:
        bare = flat.strip("()（）")
        if bare not in _TITLES and not bare.endswith(("謄本", "抄本", "事項証明", "事項証明書")):
            return False
        if "改製原" in bare or "原戸籍" in bare:
            self.kind = CertificateKind.PRE_REFORMAT
        elif "除籍" in bare:
            self.kind = CertificateKind.CLOSED
        return True

    def _boundary(self) -> None:
        if self.section == "events" or (
            self.persons and (self.persons[-1].sentences or self.persons[-1].box)
        ):
            self.section = "persons"
            self.persons.append(_Person(0))
        elif self.section == "header":
            self.section = "persons"

    def _current(self, n: int) -> _Person:
        if not self.persons:
            self.persons.append(_Person(n))
        person = self.persons[-1]
        if person.line == 0:
            person.line = n
        return person

    def _box(self, n: int, label: str, value: str) -> None:
        self.section = "persons"
        person = self._current(n)
        if label in person.box:  # the same box again: the next person's column
            person = _Person(n)
            self.persons.append(person)
        person.box[label] = (n, value)

    def _sentence(self, n: int, line: str) -> None:
        if self.section == "events":
            self.events_section.extend((n, s) for s in _split(line))
            return
        self.section = "persons"
        person = self._current(n)
        if person.box_closed:  # a 事項欄 after a finished box: the next person
            person = _Person(n)
            self.persons.append(person)
        person.sentences.extend((n, s) for s in _split(line))

    # --- into the model ------------------------------------------------------------------------

    def head(self) -> tuple[Name | None, str]:
        title = "戸主" if "head_old" in self.header else "筆頭者"
        item = self.header.get("head_old") or self.header.get("head")
        if item is None:
            self.add("koseki.text.no_head", 1)
            return None, title
        text = item[1]
        family, given = split_full_name(text)
        if family and given:
            return Name.of(family, given), title
        first = next((p.box["given"][1] for p in self.persons if "given" in p.box), "")
        squashed = squash(text)
        if first and squashed.endswith(squash(first)) and squashed != squash(first):
            return Name.of(squashed[: -len(squash(first))], squash(first)), title
        return Name(squashed), title

    def sentence(self, n: int, text: str, base: dt.date | None = None) -> _Sentence:
        return _Sentence(n, text, find_dates(text, base))

    def entry(self, s: _Sentence, register_head: Name, family: str | None) -> Entry:
        text = squash(s.text)
        type_ = next((t for word, t in _ENTRY_WORDS if word in text), EntryType.OTHER)
        if type_ is EntryType.OTHER:
            self.add("koseki.text.unrecognised_sentence", s.line, text=text[:40])
        values: dict[str, Any] = {"type": type_, "extra": {"記載": text}}
        if s.date is not None:
            values["date"] = s.date
        elif s.dates:
            values["date_text"] = s.dates[0].text
            self.add(
                "koseki.text.date", s.line, value=s.dates[0].text, reason="読めない日付 / unreadable date"
            )
        reported = s.date_before("届出")
        if reported is not None and "届出" in text:
            values["reported_on"] = reported
        source = _FROM.search(text)
        if source is not None:
            values["previous_register"] = _ref(source.group("place"), source.group("head"))
        target = _TO_REGISTER.search(text)
        new = _TO_NEW.search(text)
        if target is not None:
            values["next_register"] = _ref(target.group("place"), target.group("head"))
        elif new is not None:
            values["next_register"] = RegisterRef(new.group("place"))
        if type_ in (EntryType.BIRTH, EntryType.DEATH):
            place = _PLACE_OF.search(text)
            if place is not None and place.group("place"):
                values["place"] = place.group("place")
        if type_ is EntryType.DEATH:
            time = _TIME.search(text)
            if time is not None:
                values["time"] = parse_time(time.group(0))[0]
        if type_ in (EntryType.MARRIAGE, EntryType.DIVORCE):
            spouse = _SPOUSE.search(text)
            if spouse is not None:
                values["counterpart"] = _person_name(spouse.group("name"), None)
        if type_ is EntryType.HEADSHIP_SUCCESSION:
            previous = _PREVIOUS_HEAD.search(text)
            if previous is not None:
                values["counterpart"] = _house_name(previous.group("name"), register_head.family)
        if type_ is EntryType.ADOPTION:
            adopters = _ADOPTERS.search(text)
            if adopters is not None:
                father = _person_name(adopters.group("father"), None)
                values["adoptive_father"] = father
                values["adoptive_mother"] = _person_name(adopters.group("mother"), father.family)
                values["role"] = "child"
        if type_ is EntryType.REFORMAT or is_showa32_reformat(text):
            values["reason"] = text
        return Entry(**values)

    def register_event(self, s: _Sentence, family: str | None, head_column: bool) -> RegisterEvent | None:
        """The 戸籍事項 a sentence states, if it states one (``head_column``: it stands in the
        戸主's 事項欄 of a 旧法戸籍, where the register's making is recorded)."""
        text = squash(s.text)
        date = s.date
        base: dict[str, Any] = {"date": date, "reason": text} if date else {"reason": text}
        if not date and s.dates:
            base["date_text"] = s.dates[0].text
        closes = "本戸籍" in text and any(w in text for w in ("消除", "抹消"))
        if "改製" in text or (is_showa32_reformat(text) and ("本戸籍" in text or "戸籍を編製" in text)):
            ends = any(w in text for w in ("消除", "抹消", "あらたに戸籍を編製", "新たに戸籍を編製"))
            if ends:
                return RegisterEvent(RegisterEventType.REFORMATTED, **base)
            if "編製" in text:
                source = _FROM.search(text)
                if source is not None:
                    ref = _ref(source.group("place"), source.group("head"))
                    base |= {"previous_honseki": ref.honseki, "previous_head": ref.head}
                return RegisterEvent(RegisterEventType.REFORMATTED, **base)
            if "本戸籍改製" in text and is_showa32_reformat(text):
                return RegisterEvent(RegisterEventType.SIMPLE_REFORMAT, **base)
            if "本戸籍" in text:
                return RegisterEvent(RegisterEventType.REFORMATTED, **base)
            return None
        if "転籍" in text and (head_column or "本戸籍" in text or "除籍" not in text):
            transfer = _TRANSFER.search(text)
            if transfer is not None:
                key = (
                    "previous_honseki" if transfer.group("dir") in ("から", "より", "ヨリ") else "new_honseki"
                )
                base[key] = transfer.group("place")
                return RegisterEvent(RegisterEventType.TRANSFERRED, **base)
        if closes:
            if "家督相続" in text:
                successor = _SUCCESSOR.search(text)
                if successor is not None:
                    name = _house_name(successor.group("name"), family)
                    return RegisterEvent(RegisterEventType.HEADSHIP_SUCCESSION, **base, new_head=name)
            if "廃家" in text:
                return RegisterEvent(RegisterEventType.HOUSE_ABOLISHED, **base)
            if "絶家" in text:
                return RegisterEvent(RegisterEventType.HOUSE_EXTINCT, **base)
            return RegisterEvent(RegisterEventType.CLOSED, **base)
        if "本戸籍" in text and "編製" in text:
            return RegisterEvent(RegisterEventType.CREATED, **base)
        if head_column:
            type_ = next((t for word, t in _ENTRY_WORDS if word in text), None)
            event = _HOUSE_EVENTS.get(type_) if type_ is not None else None
            if event is RegisterEventType.HEADSHIP_SUCCESSION:
                previous = _PREVIOUS_HEAD.search(text)
                head = _house_name(previous.group("name"), family) if previous else None
                return RegisterEvent(event, **base, previous_head=head)
            if event is RegisterEventType.BRANCH_HOUSE:
                source = _FROM.search(text)
                if source is not None:
                    ref = _ref(source.group("place"), source.group("head"))
                    base |= {"previous_honseki": ref.honseki, "previous_head": ref.head}
                return RegisterEvent(event, **base)
            if event is not None:
                return RegisterEvent(event, **base)
        return None

    def member(
        self, person: _Person, family: str | None, old_law: bool, head: Name
    ) -> tuple[Member | None, list[RegisterEvent]]:
        box = person.box
        if "given" not in box:
            self.add("koseki.text.member_incomplete", person.line or 1, field="名")
            return None, []
        if "birth" not in box:
            self.add("koseki.text.member_incomplete", person.line or 1, field="生年月日")
        given = squash(box["given"][1])
        values: dict[str, Any] = {"name": Name.of(family, given) if family else Name(given, None, given)}
        if "birth" in box:
            values["birth_date"], values["birth_date_text"] = self.read_date(*box["birth"])
        else:
            values["birth_date"] = None
        father = _person_name(box["father"][1], family) if "father" in box else None
        values["father"] = father
        if "mother" in box:
            values["mother"] = _mother_name(box["mother"][1], father, family)
        for key in ("adoptive_father", "adoptive_mother"):
            if key in box:
                values[key] = _person_name(box[key][1], family)
        if "relationship" in box:
            key = "adoptive_relationship" if "養" in box["relationship"][1] else "relationship"
            values[key] = squash(box["relationship"][1])
        if "head_relationship" in box:
            values["head_relationship"] = squash(box["head_relationship"][1])
        if "spouse_role" in box and squash(box["spouse_role"][1]) in ("夫", "妻"):
            values["spouse_role"] = squash(box["spouse_role"][1])
        is_head = (
            values.get("head_relationship") == "戸主"
            or (not old_law and values["name"].key == head.key)
            or (old_law and "head_relationship" not in values and values["name"].key == head.key)
        )
        entries: list[Entry] = []
        events: list[RegisterEvent] = []
        for n, text in person.sentences:
            s = self.sentence(n, text)
            event = self.register_event(s, family, head_column=old_law and is_head)
            if event is not None:
                events.append(event)
                if event.type not in _HOUSE_EVENT_TYPES or event.new_head is not None:
                    continue  # a register event only; the 戸主's own 家督相続/分家 is also his
            entries.append(self.entry(s, head, family))
        return Member(removed=person.removed, entries=tuple(entries), **values), events

    def build(self, source: str | None, last_line: int) -> Register | None:
        self.closing.finish(last_line)
        self.issues.extend(self.closing.issues)
        honseki = self.header.get("honseki")
        if honseki is None:
            self.add("koseki.text.no_honseki", 1)
        head, title = self.head()
        persons = [p for p in self.persons if p.sentences or p.box]
        if not persons:
            self.add("koseki.text.no_members", 1)
        family = head.family if head else None
        events: list[RegisterEvent] = []
        for n, text in self.head_cause:  # 明治31年式: the 戸主's cause of headship
            event = self.register_event(self.sentence(n, text), family, head_column=True)
            if event is not None:
                events.append(event)
        for n, text in self.events_section:
            event = self.register_event(self.sentence(n, text), family, head_column=title == "戸主")
            if event is not None:
                events.append(event)
            else:
                self.add("koseki.text.unrecognised_sentence", n, text=squash(text)[:40])
        members: list[Member] = []
        for person in persons:
            if head is None:
                break
            member, found = self.member(person, family, title == "戸主", head)
            events.extend(found)
            if member is not None:
                members.append(member)
        if any(i.severity is Severity.ERROR for i in self.issues) or head is None or honseki is None:
            return None
        kind = self.final_kind()
        return Register(
            honseki=honseki[1],
            head=head,
            kind=kind,
            events=tuple(events),
            members=tuple(members),
            issued_on=self.closing.issued_on,
            issuer=self.closing.issuer,
            source=source,
            head_title=title,
            certification=self.closing.certification(),
        )


_HOUSE_EVENT_TYPES = (
    RegisterEventType.HEADSHIP_SUCCESSION,
    RegisterEventType.BRANCH_HOUSE,
    RegisterEventType.HOUSE_FOUNDED,
)


def _split(line: str) -> list[str]:
    """One line may hold several 記載, each closed by ㊞; the seal itself is dropped."""
    parts = [p.strip() for p in line.split("㊞")]
    out = []
    for part in parts:
        part = _SEAL_END.sub("", part).strip()
        if part:
            out.append(part)
    return out


def _person_name(text: str, family_hint: str | None) -> Name:
    family, given = split_full_name(text, family_hint)
    if family and given:
        return Name.of(family, given)
    return Name(squash(text))


def _house_name(text: str, family: str | None) -> Name:
    """A name written without its surname inside a house (``前戸主政右衛門``, ``父　政吉``) has the
    house's surname (明治民法746条: 戸主及ヒ家族ハ其家ノ氏ヲ称ス)."""
    name = _person_name(text, family)
    if name.family is None and family and " " not in text.strip():
        return Name.of(family, squash(text))
    return name


def _mother_name(text: str, father: Name | None, family: str | None) -> Name:
    """``母　ハル`` (given name only) has the father's surname; ``母　田中　ハル`` her own.

    A 父 column holds a full name; written without a space it is split at the house's surname when
    it starts with it, else kept whole (then write ``父　田中　源蔵`` for the mother's surname)."""
    family_, given = split_full_name(text)
    if family_ and given:
        return Name.of(family_, given)
    squashed = squash(text)
    surname = (father.family if father else None) or family
    if surname and not squashed.startswith(surname):
        return Name.of(surname, squashed)
    return _person_name(squashed, surname)


def _ref(place: str, head: str | None) -> RegisterRef:
    """A register named in a sentence: the head's full name is written there."""
    return RegisterRef(place, _person_name(head, None) if head else None)


def parse_paper_text(lines: list[str], source: str | None = None) -> tuple[Register | None, list[Issue]]:
    """Parse the transcription of a paper register (module docstring)."""
    parser = _PaperParser()
    for n, raw in enumerate(lines, start=1):
        parser.feed(n, raw.lstrip("\ufeff"))
    register = parser.build(source, len(lines))
    return register, parser.issues
