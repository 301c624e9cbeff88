"""The procedures checklist: statutory deadlines, then one task per contract, account or policy the
note lists (in the spirit of おくやみコーナー支援ナビ).

The deadline table (:data:`PROCEDURES`) says for each procedure which period, from which day (the
death, or the day the heir learned of it), how the first day is counted and which law moves a last
day that falls on a closed day; the arithmetic is :mod:`endingnote.calendar` (民法140条・143条,
戸籍法43条, 民法142条, 国税通則法10条2項 …). Each task carries the rule and the articles it used, in
Japanese and English, so the report can say how its date was reached.

Periods that run from when the heir *learned* of the death (死亡届, 相続放棄, 準確定申告, 相続税,
相続登記) take ``learned_on``; without it they run from the date of death and say so.

Contract tasks have no statutory deadline. Each is given a *target* (目安), the 相続放棄 deadline:
the heir should know every account and debt before deciding whether to renounce (and should not
dispose of the estate before then, 民法921条1号). The report and the calendar label it as a target,
never as a deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from endingnote.calendar import (
    CLOSED_DAY_RULES,
    FIRST_DAY_COUNTED,
    FIRST_DAY_NOT_COUNTED,
    Counting,
    deadline,
    wareki_label,
)
from endingnote.importer._records import located

__all__ = ["CONTRACT_RECORDS", "PROCEDURES", "Procedure", "Task", "build_checklist"]


@dataclass(frozen=True)
class Task:
    key: str
    title_ja: str
    title_en: str
    due: dt.date | None
    basis_ja: str
    basis_en: str
    where_ja: str
    category: str  # "statutory" | "contract"
    counterparty: str = ""
    contract_id: str = ""
    desired_action: str = ""  # the note's wish, as its Japanese label (解約する)
    contact: str = ""  # phones / url joined with "; "
    source_path: str = ""  # JSON pointer in the note (for machines; never shown to the family)
    where_en: str = ""
    rule_ja: str = ""  # how the date was reached, in words, with the articles
    rule_en: str = ""
    from_learning: bool = False  # the period runs from when the heir learned of the death
    target: dt.date | None = None  # a suggested date (目安) for a task with no statutory deadline
    desired_action_en: str = ""
    record_type: str = ""  # the note's record type for contract tasks

    def is_overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today

    @property
    def date(self) -> dt.date | None:
        """The date to act by: the deadline, else the target."""
        return self.due or self.target


Start = Literal["death", "learned"]


@dataclass(frozen=True)
class Procedure:
    """One row of the deadline table."""

    key: str
    title_ja: str
    title_en: str
    amount: int
    unit: Literal["days", "months", "years"]
    start: Start
    counting: Counting
    closed_day_rule: str | None  # key of CLOSED_DAY_RULES, or None: the last day never moves
    basis_ja: str
    basis_en: str
    where_ja: str
    where_en: str
    applies: Callable[[dict[str, Any]], bool] | None = None
    source_path: str = ""


_PRIVATE_PENSIONS = {"corporate", "ideco", "private", "mutual_aid"}


def _pension_kinds(doc: dict[str, Any]) -> set[str]:
    kinds = (r.get("pension_kind") for _, r in located(doc, "pension"))
    return {k for k in kinds if isinstance(k, str)}


def _public(doc: dict[str, Any]) -> set[str]:
    return _pension_kinds(doc) - _PRIVATE_PENSIONS


def _kosei(doc: dict[str, Any]) -> bool:
    public = _public(doc)
    return bool(public) and ("employee" in public or not public & {"employee", "national_basic"})


def _kokumin(doc: dict[str, Any]) -> bool:
    public = _public(doc)
    return bool(public) and ("national_basic" in public or not public & {"employee", "national_basic"})


def _real_estate(doc: dict[str, Any]) -> bool:
    return any(True for _ in located(doc, "real_estate"))


_PENSION_WHERE_JA = (
    "年金事務所・街角の年金相談センター(マイナンバーが登録済みなら届出を省略できる場合があります)"
)
_PENSION_WHERE_EN = "a pension office (may be unnecessary when the My Number is registered)"

PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        "death_registration", "死亡届の提出", "Register the death (死亡届)", 7, "days", "learned",
        FIRST_DAY_COUNTED, "municipal",
        "戸籍法86条1項(死亡の事実を知った日から7日以内)",
        "Family Register Act art. 86(1): 7 days from learning of the death",
        "死亡地・本籍地・届出人の所在地の市区町村役場",
        "the municipal office of the place of death, the domicile or the notifier",
    ),
    Procedure(
        "health_insurance_loss", "健康保険・介護保険の資格喪失届と保険証の返還",
        "Health and long-term care insurance: report the loss of eligibility", 14, "days", "death",
        FIRST_DAY_NOT_COUNTED, "municipal",
        "国民健康保険法・介護保険法の各施行規則(14日以内)",
        "Enforcement Regulations of the National Health Insurance Act and the Long-Term Care Insurance"
        " Act: 14 days",
        "市区町村役場(国保・後期高齢者医療・介護保険)/勤務先(被用者保険)",
        "the municipal office (national / late-elderly health and care insurance), or the employer",
    ),
    Procedure(
        "householder_change", "世帯主変更届(該当する場合)", "Change of householder (if applicable)",
        14, "days", "death", FIRST_DAY_NOT_COUNTED, "municipal",
        "住民基本台帳法25条(14日以内)。故人が世帯主で、残る世帯員が2人以上の場合に必要",
        "Basic Resident Registration Act art. 25: 14 days; needed when the decedent was the householder and"
        " two or more members remain",
        "住所地の市区町村役場", "the municipal office of the address",
    ),
    Procedure(
        "pension_stop_kosei", "年金受給権者死亡届(厚生年金)",
        "Report the death to the pension service (employees' pension)",
        10, "days", "death", FIRST_DAY_NOT_COUNTED, "national_office",
        "厚生年金保険法98条4項・同法施行規則(10日以内)",
        "Employees' Pension Insurance Act art. 98(4) and its Enforcement Regulations: 10 days",
        _PENSION_WHERE_JA, _PENSION_WHERE_EN, _kosei, "/pension",
    ),
    Procedure(
        "pension_stop_kokumin", "年金受給権者死亡届(国民年金)",
        "Report the death to the pension service (national pension)",
        14, "days", "death", FIRST_DAY_NOT_COUNTED, "national_office",
        "国民年金法105条4項・同法施行規則(14日以内)",
        "National Pension Act art. 105(4) and its Enforcement Regulations: 14 days",
        _PENSION_WHERE_JA, _PENSION_WHERE_EN, _kokumin, "/pension",
    ),
    Procedure(
        "renounce_or_limited", "相続放棄・限定承認の申述(家庭裁判所)",
        "Decide on renouncing or limited acceptance",
        3, "months", "learned", FIRST_DAY_NOT_COUNTED, "civil_court",
        "民法915条1項(自己のために相続の開始があったことを知った時から3か月。家庭裁判所に延長を求められます)",
        "Civil Code art. 915(1): 3 months from learning that the succession opened for you (the family court"
        " can extend it)",
        "被相続人の最後の住所地の家庭裁判所", "the family court of the decedent's last address",
    ),
    Procedure(
        "final_income_tax", "準確定申告(必要な場合)", "Final income tax return for the decedent (if due)",
        4, "months", "learned", FIRST_DAY_NOT_COUNTED, "national_tax",
        "所得税法124条・125条(相続の開始があったことを知った日の翌日から4か月を経過した日の前日まで)",
        "Income Tax Act arts. 124-125: by the day before 4 months have passed from the day after learning"
        " of the succession",
        "被相続人の納税地の税務署", "the tax office of the decedent's place of tax payment",
    ),
    Procedure(
        "inheritance_tax", "相続税の申告・納付(必要な場合)", "Inheritance tax return and payment (if due)",
        10, "months", "learned", FIRST_DAY_NOT_COUNTED, "national_tax",
        "相続税法27条1項(相続の開始があったことを知った日の翌日から10か月以内)",
        "Inheritance Tax Act art. 27(1): within 10 months from the day after learning of the succession",
        "被相続人の住所地の税務署", "the tax office of the decedent's address",
    ),
    Procedure(
        "inheritance_registration", "相続登記の申請", "Register the inheritance of real estate", 3, "years",
        "learned", FIRST_DAY_NOT_COUNTED, "national_office",
        "不動産登記法76条の2第1項(相続の開始と所有権の取得を知った日から3年以内)",
        "Real Property Registration Act art. 76-2(1): 3 years from learning of the succession and the"
        " acquisition",
        "不動産の所在地を管轄する法務局", "the Legal Affairs Bureau for the property",
        _real_estate, "/real_estate",
    ),
)  # fmt: skip

# 令和3年法律第24号附則5条6項: successions before the 2024-04-01 commencement run from that day
# ("施行日から起算して" counts the first day) when it is later than the day the heir learned.
_REGISTRATION_FROM = dt.date(2024, 4, 1)
_REGISTRATION_COUNTING = Counting(
    True,
    "令和3年法律第24号附則5条6項(施行日 令和6年4月1日から起算)",
    "Act No. 24 of 2021, supplementary provisions art. 5(6) (counted from 2024-04-01)",
)

_UNIT_JA = {"days": "日", "months": "か月", "years": "年"}
_UNIT_EN = {"days": "days", "months": "months", "years": "years"}


def _statutory(doc: dict[str, Any], death: dt.date, learned: dt.date, learned_given: bool) -> list[Task]:
    tasks = []
    for proc in PROCEDURES:
        if proc.applies is not None and not proc.applies(doc):
            continue
        start = learned if proc.start == "learned" else death
        counting = proc.counting
        if proc.key == "inheritance_registration" and start < _REGISTRATION_FROM:
            start, counting = _REGISTRATION_FROM, _REGISTRATION_COUNTING
        rule = CLOSED_DAY_RULES[proc.closed_day_rule] if proc.closed_day_rule else None
        got = deadline(start, proc.amount, proc.unit, counting=counting, closed_day_rule=rule)
        if start == _REGISTRATION_FROM and counting is _REGISTRATION_COUNTING:
            from_ja, from_en = "施行日(令和6年4月1日)", "the commencement date (2024-04-01)"
        elif proc.start == "learned":
            from_ja = f"死亡を知った日({wareki_label(learned)})"
            from_en = f"the day the heir learned of the death ({learned.isoformat()})"
            if not learned_given:
                from_ja = f"死亡を知った日(死亡日 {wareki_label(learned)} として計算)"
                from_en = f"the day the heir learned of the death (taken as the death, {learned.isoformat()})"
        else:
            from_ja, from_en = f"死亡日({wareki_label(death)})", f"the date of death ({death.isoformat()})"
        rule_ja = f"{from_ja}から{proc.amount}{_UNIT_JA[proc.unit]}。{counting.article_ja}"
        rule_en = f"{proc.amount} {_UNIT_EN[proc.unit]} from {from_en}; {counting.article_en}"
        if got.moved_by is not None:
            rule_ja += (
                f"。期間の末日 {wareki_label(got.period_end)} は休日のため、{got.moved_by.article_ja}により"
                f"翌開庁日 {wareki_label(got.due)} まで"
            )
            rule_en += (
                f"; the last day {got.period_end.isoformat()} is a closed day, so under"
                f" {got.moved_by.article_en} the deadline is the next open day, {got.due.isoformat()}"
            )
        if proc.start == "learned" and not learned_given and from_ja.startswith("死亡を知った日"):
            rule_ja += "。死亡を後で知った場合は、知った日から数え直します"
            rule_en += "; if you learned of the death later, count from that day"
        tasks.append(
            Task(
                proc.key,
                proc.title_ja,
                proc.title_en,
                got.due,
                proc.basis_ja,
                proc.basis_en,
                proc.where_ja,
                "statutory",
                where_en=proc.where_en,
                rule_ja=rule_ja,
                rule_en=rule_en,
                from_learning=proc.start == "learned",
                source_path=proc.source_path,
            )
        )
    return tasks


# record type -> (organisation item, title_ja, title_en); every record with a ``contract`` item is
# also a contract task (its counterparty is the contract's).
CONTRACT_RECORDS: dict[str, tuple[str, str, str]] = {
    "deposit_account": ("bank", "預金口座の相続手続", "Bank account: inheritance procedure"),
    "securities_account": ("broker", "証券口座の相続手続", "Securities account: inheritance"),
    "online_account": ("provider", "オンライン口座の手続", "Online account"),
    "liability": ("creditor", "借入の確認(団信・相続放棄の判断)", "Loan: check (credit life, renounce?)"),
    "stored_value": ("provider", "電子マネー等の残高の手続", "Stored value balance"),
    "digital_account": ("", "デジタルアカウントの手続", "Digital account"),
    "care_service": ("provider", "介護サービスの契約終了", "Care service: end the contract"),
    "life_insurance": ("", "生命保険金の請求", "Life insurance: claim"),
    "non_life_insurance": ("", "損害保険の名義変更・解約", "Non-life insurance: transfer or cancel"),
    "utility": ("", "公共料金の名義変更・解約", "Utility: transfer or cancel"),
    "mobile_phone": ("", "携帯電話の解約", "Mobile phone: cancel"),
    "internet_service": ("", "インターネット契約の解約", "Internet service: cancel"),
    "payment_card": ("", "クレジットカード等の解約", "Payment card: cancel"),
    "subscription": ("", "定期購入・サブスクの解約", "Subscription: cancel"),
    "other_contract": ("", "契約の手続", "Other contract"),
    "funeral_arrangement": ("", "葬儀の契約の確認", "Funeral arrangement: check"),
    "posthumous_mandate": ("", "死後事務委任契約の受任者へ連絡", "Posthumous mandate: contact"),
}
_CONTRACT_BASIS_JA = (
    "法定の期限はありません。相続放棄・限定承認を判断する前に内容を確かめてください"
    "(処分すると単純承認とみなされることがあります: 民法921条1号)"
)
_CONTRACT_BASIS_EN = (
    "No statutory deadline. Check it before deciding on renunciation (disposing of estate property can"
    " count as acceptance: Civil Code art. 921(1))"
)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _contact(org: dict[str, Any]) -> str:
    contact = org.get("contact")
    if not isinstance(contact, dict):
        return ""
    parts = [p for p in contact.get("phones") or [] if isinstance(p, str)]
    parts += [e for e in contact.get("emails") or [] if isinstance(e, str)]
    if isinstance(contact.get("url"), str):
        parts.append(contact["url"])
    return "; ".join(parts)


def _code_labels(version: str | None) -> dict[str, dict[str, tuple[str, str]]]:
    from endingnote import standard

    try:
        std = standard.get(version) if version else standard.get()
    except Exception:  # an unknown version: no labels (the codes themselves are never shown)
        return {}
    return {k: {c.code: (c.label_ja, c.label_en) for c in cl.codes} for k, cl in std.codelists.items()}


def _contract_tasks(
    doc: dict[str, Any], labels: dict[str, dict[str, tuple[str, str]]], target: dt.date | None
) -> list[Task]:
    tasks: list[Task] = []
    keys = list(CONTRACT_RECORDS)
    keys += sorted(k for k, v in doc.items() if k not in CONTRACT_RECORDS and _has_contract(v))
    for rkey in keys:
        org_key, title_ja, title_en = CONTRACT_RECORDS.get(rkey, ("", "契約の手続", "Contract"))
        for path, rec in located(doc, rkey):
            raw = rec.get("contract")
            contract: dict[str, Any] = raw if isinstance(raw, dict) else {}
            org = rec.get(org_key) if org_key else contract.get("counterparty")
            org = org if isinstance(org, dict) else {}
            name = _text(org.get("name")) or _text(rec.get("service_name")) or _text(rec.get("service"))
            if rkey == "subscription" or rkey == "digital_account":
                name = _text(rec.get("service_name")) or name
            ident = next(
                (
                    v
                    for v in (
                        _text(contract.get("contract_number")),
                        _text(contract.get("customer_number")),
                        _text(rec.get("account_number")),
                        _text(rec.get("account_id_hint")),
                        _text(rec.get("policy_number")),
                    )
                    if v
                ),
                "",
            )
            action = _text(contract.get("desired_action")) or _text(rec.get("desired_action"))
            action_ja, action_en = labels.get("desired_action", {}).get(action, ("", ""))
            tasks.append(
                Task(
                    key=f"{rkey}:{_text(rec.get('id')) or path}",
                    title_ja=f"{title_ja}: {name}" if name else title_ja,
                    title_en=f"{title_en}: {name}" if name else title_en,
                    due=None,
                    basis_ja=_CONTRACT_BASIS_JA,
                    basis_en=_CONTRACT_BASIS_EN,
                    where_ja=name,
                    where_en=name,
                    category="contract",
                    counterparty=name,
                    contract_id=ident,
                    desired_action=action_ja,
                    desired_action_en=action_en,
                    contact=_contact(org),
                    source_path=path,
                    target=target,
                    rule_ja="目安: 相続放棄・限定承認の期限まで(法定の期限ではありません)" if target else "",
                    rule_en="target: by the renunciation deadline (not a statutory deadline)"
                    if target
                    else "",
                    record_type=rkey,
                )
            )
    return tasks


def _has_contract(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return any(isinstance(r, dict) and isinstance(r.get("contract"), dict) for r in items)


def build_checklist(
    doc: dict[str, Any],
    death_date: dt.date,
    *,
    learned_on: dt.date | None = None,
    standard_version: str | None = None,
    today: dt.date | None = None,
) -> list[Task]:
    """Statutory tasks (sorted by due date) then one task per contract/account in the note.

    ``learned_on``: the day the heir learned of the death (not before ``death_date``); periods that
    the law runs from that day use it, and say which day they used. ``today`` is accepted for callers
    that mark overdue tasks (:meth:`Task.is_overdue`); tasks already past due are kept, never dropped.
    """
    del today  # tasks are the same whatever today is; the caller marks overdue ones
    if learned_on is not None and learned_on < death_date:
        raise ValueError(f"learned_on {learned_on} is before the death {death_date}")
    learned = learned_on or death_date
    version = standard_version or _text((doc.get("header") or {}).get("standard")) or None
    statutory = sorted(
        _statutory(doc, death_date, learned, learned_on is not None),
        key=lambda t: (t.due or dt.date.max, t.key),
    )
    renounce = next((t.due for t in statutory if t.key == "renounce_or_limited"), None)
    return statutory + _contract_tasks(doc, _code_labels(version), renounce)
