"""The register model: registers, members and their 身分事項 entries (plain frozen dataclasses).

Dates are ISO ``datetime.date`` values; a date the source gave only in a notation that cannot be
converted day-precisely (lunisolar 明治 dates) keeps its text in ``date_text`` and ``date=None``.
Names keep the register form (:class:`Name.text`, MJ/IVS preserved); :attr:`Name.key` is the
comparable form from :mod:`endingnote.koseki.names`.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from endingnote.koseki.names import kana_key, name_key, place_key


class CertificateKind(enum.StrEnum):
    """What the certificate is a copy of."""

    FULL = "全部事項"  # a live register (戸籍全部事項証明)
    CLOSED = "除籍"  # a closed register (除籍全部事項証明 / 除籍謄本)
    PRE_REFORMAT = "改製原"  # the register as it stood before a statutory reformat (改製原戸籍)


class RegisterEventType(enum.StrEnum):
    """戸籍事項: events of the register itself (in 旧法戸籍 they stand in the 戸主's 事項欄).

    Which events make a register and which close it (see :mod:`endingnote.koseki._stays`):
    編製, 家督相続 (without ``new_head``), 分家 and 一家創立 make one; 転籍 and 改製 make the new one
    and close the old one; 消除, 廃家, 絶家 and 家督相続 with ``new_head`` close one. 簡易改製 (the
    first stage of the 昭和32年 改製, 昭和32年法務省令第27号4条1項) only deems an old-law register a
    new-law one: nothing is made or closed."""

    CREATED = "編製"
    TRANSFERRED = "転籍"
    REFORMATTED = "改製"
    SIMPLE_REFORMAT = "簡易改製"
    CLOSED = "消除"
    SURNAME_CHANGED = "氏の変更"
    HEADSHIP_SUCCESSION = "家督相続"  # 明治民法964条: a new 戸主's register replaces the 前戸主's
    BRANCH_HOUSE = "分家"  # 明治民法743条: a family member founds a branch house
    HOUSE_FOUNDED = "一家創立"  # a new house by law (e.g. 明治民法764条2項 after 絶家)
    HOUSE_ABOLISHED = "廃家"  # 明治民法762条: the 戸主 abolishes the house to enter another
    HOUSE_EXTINCT = "絶家"  # 明治民法764条: no successor; the house is extinct


class EntryType(enum.StrEnum):
    """身分事項 entry types (JSON value = English identifier; :data:`ENTRY_LABELS` = register title)."""

    BIRTH = "birth"
    ACKNOWLEDGMENT = "acknowledgment"
    ADOPTION = "adoption"
    ADOPTION_DISSOLUTION = "adoption_dissolution"
    SPECIAL_ADOPTION = "special_adoption"
    MARRIAGE = "marriage"
    DIVORCE = "divorce"
    DEATH = "death"
    SPOUSE_DEATH = "spouse_death"
    DISAPPEARANCE = "disappearance"
    ELDERLY_REMOVAL = "elderly_removal"
    DISINHERITANCE = "disinheritance"
    PARENTAL_AUTHORITY = "parental_authority"
    ENTRY = "entry"
    REMOVAL = "removal"
    BRANCH = "branch"
    TRANSFER = "transfer"
    SURNAME_CHANGE = "surname_change"
    GIVEN_NAME_CHANGE = "given_name_change"
    NATIONALITY_ACQUISITION = "nationality_acquisition"
    NATURALISATION = "naturalisation"
    NATIONALITY_LOSS = "nationality_loss"
    REFORMAT = "reformat"
    CORRECTION = "correction"
    SURNAME_RESTORATION = "surname_restoration"
    AFFINITY_TERMINATION = "affinity_termination"
    # 旧法戸籍 (明治民法 親族編・相続編, in force until 1947-12-31)
    HEADSHIP_SUCCESSION = "headship_succession"
    RETIREMENT = "retirement"
    BRANCH_HOUSE = "branch_house"
    HOUSE_ENTRY = "house_entry"
    HOUSE_ABOLITION = "house_abolition"
    HOUSE_EXTINCTION = "house_extinction"
    HOUSE_FOUNDING = "house_founding"
    OTHER = "other"


ENTRY_LABELS: dict[EntryType, str] = {
    EntryType.BIRTH: "出生",
    EntryType.ACKNOWLEDGMENT: "認知",
    EntryType.ADOPTION: "養子縁組",
    EntryType.ADOPTION_DISSOLUTION: "養子離縁",
    EntryType.SPECIAL_ADOPTION: "特別養子縁組",
    EntryType.MARRIAGE: "婚姻",
    EntryType.DIVORCE: "離婚",
    EntryType.DEATH: "死亡",
    EntryType.SPOUSE_DEATH: "配偶者の死亡",
    EntryType.DISAPPEARANCE: "失踪",
    EntryType.ELDERLY_REMOVAL: "高齢者消除",
    EntryType.DISINHERITANCE: "推定相続人廃除",
    EntryType.PARENTAL_AUTHORITY: "親権",
    EntryType.ENTRY: "入籍",
    EntryType.REMOVAL: "除籍",
    EntryType.BRANCH: "分籍",
    EntryType.TRANSFER: "転籍",
    EntryType.SURNAME_CHANGE: "氏の変更",
    EntryType.GIVEN_NAME_CHANGE: "名の変更",
    EntryType.NATIONALITY_ACQUISITION: "国籍取得",
    EntryType.NATURALISATION: "帰化",
    EntryType.NATIONALITY_LOSS: "国籍喪失",
    EntryType.REFORMAT: "改製",
    EntryType.CORRECTION: "戸籍訂正",
    EntryType.SURNAME_RESTORATION: "復氏",
    EntryType.AFFINITY_TERMINATION: "姻族関係終了",
    EntryType.HEADSHIP_SUCCESSION: "家督相続",
    EntryType.RETIREMENT: "隠居",
    EntryType.BRANCH_HOUSE: "分家",
    EntryType.HOUSE_ENTRY: "入家",
    EntryType.HOUSE_ABOLITION: "廃家",
    EntryType.HOUSE_EXTINCTION: "絶家",
    EntryType.HOUSE_FOUNDING: "一家創立",
    EntryType.OTHER: "その他の記載",
}

HEAD_TITLES = ("筆頭者", "戸主")  # 戸籍法9条 (筆頭者) / 旧法戸籍 (戸主)


@dataclass(frozen=True, slots=True)
class Name:
    """A written name. ``text`` is the register form without separators; ``family``/``given``
    are set when the source separated them (or they could be split safely)."""

    text: str
    family: str | None = None
    given: str | None = None

    @classmethod
    def of(cls, family: str | None, given: str | None) -> Name:
        return cls(f"{family or ''}{given or ''}", family, given)

    @property
    def key(self) -> str:
        return name_key(self.text)

    @property
    def display(self) -> str:
        if self.family and self.given:
            return f"{self.family}\u3000{self.given}"
        return self.text


@dataclass(frozen=True, slots=True)
class RegisterRef:
    """A pointer to a register: 本籍 and 筆頭者 (``head=None`` when the source gives only a
    新本籍, whose head is the person or their spouse)."""

    honseki: str
    head: Name | None = None

    @property
    def key(self) -> str:
        return place_key(self.honseki)

    def describe(self) -> str:
        return f"{self.honseki} {self.head.display}" if self.head else self.honseki


@dataclass(frozen=True, slots=True)
class Furigana:
    """氏名の振り仮名 (katakana), recorded since 2025-05-26."""

    family: str | None
    given: str | None
    source: str | None = None  # notified | filed | ex_officio | birth_report
    recorded_on: dt.date | None = None

    @property
    def key(self) -> str:
        return kana_key(f"{self.family or ''}{self.given or ''}")


@dataclass(frozen=True, slots=True)
class Entry:
    """One 身分事項 block. Which optional fields are set depends on ``type``:

    - ``date``: the event date (出生日, 婚姻日, 縁組日, 死亡日, 除籍日 …); ``time`` the 死亡時分
      (``HH:MM``, ``time_estimated`` when the register says 推定/頃);
    - ``decree_date``: a court decision's finality (特別養子, 失踪, 廃除); ``deemed_death_date``: 失踪;
    - ``counterpart``: the other person named (配偶者, 認知者 / 認知した子, 養子, 被相続人);
    - ``adoptive_father`` / ``adoptive_mother``: 養父 / 養母 in 縁組 and 離縁;
    - ``previous_register``: 従前戸籍 / 従前本籍 (inbound link); ``next_register``: 新本籍 /
      入籍戸籍 (outbound link);
    - ``role``: ``"child"`` or ``"parent"`` for 認知 and 縁組 entries (whose side of the event);
    - ``co_adopter``: 【共同縁組者】 (the spouse adopting jointly, e.g. ``妻``); ``proxy``: 【代諾者】
      (who consented for an adoptee under 15, 民法797条, e.g. ``親権者父母``);
    - ``counterpart`` in 家督相続 and 隠居 entries: the 前戸主 / the 家督相続人;
    - ``extra``: any other bracketed field, verbatim (a paper register's sentence is kept in
      ``extra["記載"]``).
    """

    type: EntryType
    date: dt.date | None = None
    date_text: str | None = None
    time: str | None = None
    time_estimated: bool = False
    place: str | None = None
    reported_on: dt.date | None = None
    reporter: str | None = None
    decree_date: dt.date | None = None
    deemed_death_date: dt.date | None = None
    counterpart: Name | None = None
    adoptive_father: Name | None = None
    adoptive_mother: Name | None = None
    role: str | None = None
    previous_register: RegisterRef | None = None
    next_register: RegisterRef | None = None
    previous_name: str | None = None
    nationality: str | None = None
    reason: str | None = None
    co_adopter: str | None = None
    proxy: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return ENTRY_LABELS[self.type]

    @property
    def effective_date(self) -> dt.date | None:
        """The date the entry takes effect (the deemed death date for 失踪, the decree for 特別養子)."""
        if self.type is EntryType.DISAPPEARANCE:
            return self.deemed_death_date or self.date
        return self.date or self.decree_date


# 戸主との続柄 that imply the sex (旧法戸籍); 戸主 itself does not (女戸主 existed)
_HEAD_RELATIONSHIP_SEX = {
    **dict.fromkeys(("夫", "父", "祖父", "兄", "弟", "伯父", "叔父", "甥", "孫", "曾孫", "婿"), "male"),
    **dict.fromkeys(("妻", "母", "祖母", "姉", "妹", "伯母", "叔母", "姪", "孫女", "婦", "嫁"), "female"),
}


@dataclass(frozen=True, slots=True)
class Member:
    """A person recorded in a register (戸籍に記録されている者)."""

    name: Name
    birth_date: dt.date | None
    father: Name | None = None
    mother: Name | None = None
    relationship: str | None = None  # 続柄 to the birth parents: 長男, 二女, 男, 女 …
    adoptive_father: Name | None = None
    adoptive_mother: Name | None = None
    adoptive_relationship: str | None = None  # 養子 / 養女
    spouse_role: str | None = None  # 配偶者区分: 夫 / 妻
    removed: bool = False  # marked 除籍 in this register
    furigana: Furigana | None = None
    entries: tuple[Entry, ...] = ()
    person_id: str | None = None  # an explicit id, when the JSON was assembled by hand
    birth_date_text: str | None = None
    head_relationship: str | None = None  # 旧法戸籍: 戸主との続柄 (戸主, 妻, 長男, 孫, 弟 …)

    @property
    def sex(self) -> str | None:
        """``male``/``female`` as implied by 続柄 and 配偶者区分; ``None`` when nothing says."""
        for label in (self.relationship, self.adoptive_relationship):
            if label:
                if label.endswith(("男", "養子")) or label in {"夫"}:
                    return "male"
                if label.endswith(("女", "養女")):
                    return "female"
        if self.spouse_role == "夫":
            return "male"
        if self.spouse_role == "妻":
            return "female"
        return _HEAD_RELATIONSHIP_SEX.get(self.head_relationship or "")

    def entries_of(self, *types: EntryType) -> list[Entry]:
        return [e for e in self.entries if e.type in types]

    @property
    def death(self) -> Entry | None:
        found = self.entries_of(EntryType.DEATH, EntryType.DISAPPEARANCE)
        return found[0] if found else None


@dataclass(frozen=True, slots=True)
class RegisterEvent:
    """One 戸籍事項 entry."""

    type: RegisterEventType
    date: dt.date | None = None
    date_text: str | None = None
    reason: str | None = None
    previous_honseki: str | None = None  # 【従前本籍】 of a register made by 転籍 (or 改製, 分家)
    new_honseki: str | None = None  # 【新本籍】 of a register closed by 転籍
    previous_head: Name | None = (
        None  # 改製: the previous register's head; 家督相続: 前戸主; 分家: 本家の戸主
    )
    new_head: Name | None = None  # 家督相続 closing the 前戸主's register: the 家督相続人
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Certification:
    """The certificate's closing block: the statement (認証文 of a 謄本/抄本, 戸籍法施行規則12条2項,
    or the 証明文 of a 全部/個人事項証明) as printed, whether it certifies the whole register
    (``scope="全部"``) or some members only (``"一部"``), and the seal as printed (印, 職印, ㊞)."""

    statement: str
    scope: str = "全部"
    seal: str | None = None


@dataclass(frozen=True, slots=True)
class Register:
    """One register as one certificate shows it. ``head_title`` says what the head is called:
    ``筆頭者`` (戸籍法9条) or ``戸主`` (旧法戸籍, before the 昭和32年 改製)."""

    honseki: str
    head: Name
    kind: CertificateKind = CertificateKind.FULL
    events: tuple[RegisterEvent, ...] = ()
    members: tuple[Member, ...] = ()
    issued_on: dt.date | None = None
    issuer: str | None = None
    id: str | None = None
    head_title: str = "筆頭者"
    certification: Certification | None = None
    source: str | None = None  # the file it was read from (not serialised)
    source_sha256: str | None = None  # SHA-256 of that file's bytes (not serialised)
    ecert_code: str | None = None  # set when it came from a verified e-certificate (not serialised)

    @property
    def ref(self) -> RegisterRef:
        return RegisterRef(self.honseki, self.head)

    @property
    def key(self) -> tuple[str, str]:
        return (place_key(self.honseki), self.head.key)

    def label(self) -> str:
        title = f"{self.head_title} " if self.head_title != "筆頭者" else ""
        return f"{self.kind.value} {self.honseki} {title}{self.head.display}"

    def event(self, type_: RegisterEventType) -> RegisterEvent | None:
        for e in self.events:
            if e.type is type_:
                return e
        return None
