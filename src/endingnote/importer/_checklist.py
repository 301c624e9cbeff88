"""The procedures checklist: statutory deadlines counted from the date of death, then one task
per contract, account or policy the note lists (in the spirit of おくやみコーナー支援ナビ).

How periods are counted (documented, and tested at month ends):

- Days. 戸籍法43条1項 counts the first day (届出事件発生の日から起算), so 死亡届 "7日以内" is due on
  death + 6 days. Other day periods follow 民法140条 (初日不算入): "14日以内" is due on death + 14.
- Months and years. 民法140条 (初日不算入) and 143条: the period starts the day after death and ends
  on the day before the corresponding day of the final month, which is the same day number as the
  date of death; when that month has no such day, the last day of that month (143条2項ただし書).
  Death 2024-11-30 + 3 months -> 2025-02-28. :func:`add_months` implements exactly this.
- "From knowing of the death" (民法915条1項, 所得税法125条, 相続税法27条1項, 不動産登記法76条の2) is
  taken as the date of death; an heir who learnt later has later deadlines (said in ``basis``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from endingnote.importer._records import located

__all__ = ["CONTRACT_RECORDS", "Task", "add_months", "build_checklist"]


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
    desired_action: str = ""  # "cancel 解約する"
    contact: str = ""  # phones / url joined with "; "
    source_path: str = ""  # JSON pointer in the note

    def is_overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today


def add_months(start: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` months from ``start`` (民法140条・143条)."""
    total = start.month - 1 + months
    year, month = start.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


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
_PRIVATE_PENSIONS = {"corporate", "ideco", "private", "mutual_aid"}
_KOSEI = {"employee"}
_KOKUMIN = {"national_basic"}


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


def _code_labels(version: str | None) -> dict[str, dict[str, str]]:
    from endingnote import standard

    try:
        std = standard.get(version) if version else standard.get()
    except Exception:  # an unknown version: show the bare codes
        return {}
    return {k: {c.code: c.label_ja for c in cl.codes} for k, cl in std.codelists.items()}


def _statutory(doc: dict[str, Any], death: dt.date) -> list[Task]:
    d = dt.timedelta
    knowing_ja = "(死亡を知った日を死亡日として計算。後で知った場合はその日から)"
    knowing_en = " (counted from the date of death; later if the heir learnt later)"
    tasks = [
        Task(
            "death_registration",
            "死亡届の提出",
            "Notify the death (死亡届)",
            death + d(days=6),
            "戸籍法86条1項(7日以内・43条1項により初日算入)",
            "Family Register Act art. 86(1): 7 days",
            "死亡地・本籍地・届出人の所在地の市区町村役場",
            "statutory",
        ),
        Task(
            "health_insurance_loss",
            "健康保険・介護保険の資格喪失届と保険証の返還",
            "Health and long-term care insurance: report loss of eligibility",
            death + d(days=14),
            "国民健康保険法施行規則20条・介護保険法施行規則32条ほか各法施行規則(14日以内)",
            "Enforcement Regulations of the NHI Act art. 20, LTC Insurance Act art. 32 and others: 14 days",
            "市区町村役場(国保・後期高齢者医療・介護保険)/勤務先(被用者保険)",
            "statutory",
        ),
        Task(
            "householder_change",
            "世帯主変更届(該当する場合)",
            "Change of householder (if applicable)",
            death + d(days=14),
            "住民基本台帳法25条(14日以内)。故人が世帯主で、残る世帯員が2人以上の場合に必要",
            "Basic Resident Registration Act art. 25: 14 days; needed when the decedent was the "
            "householder and two or more members remain",
            "住所地の市区町村役場",
            "statutory",
        ),
        Task(
            "renounce_or_limited",
            "相続放棄・限定承認の判断(家庭裁判所)",
            "Decide on renouncing or limited acceptance",
            add_months(death, 3),
            "民法915条1項(3か月)" + knowing_ja,
            "Civil Code art. 915(1): 3 months" + knowing_en,
            "被相続人の最後の住所地の家庭裁判所",
            "statutory",
        ),
        Task(
            "final_income_tax",
            "準確定申告",
            "Final income tax return for the decedent",
            add_months(death, 4),
            "所得税法124条・125条(4か月)" + knowing_ja,
            "Income Tax Act arts. 124-125: 4 months" + knowing_en,
            "被相続人の納税地の税務署",
            "statutory",
        ),
        Task(
            "inheritance_tax",
            "相続税の申告・納付(必要な場合)",
            "Inheritance tax return (if due)",
            add_months(death, 10),
            "相続税法27条1項(10か月)" + knowing_ja,
            "Inheritance Tax Act art. 27(1): 10 months" + knowing_en,
            "被相続人の住所地の税務署",
            "statutory",
        ),
    ]
    kinds = {_text(r.get("pension_kind")) for _, r in located(doc, "pension")}
    public = kinds - _PRIVATE_PENSIONS
    if public:
        kosei, kokumin = bool(public & _KOSEI), bool(public & _KOKUMIN)
        if not (kosei or kokumin):  # survivor / disability / other: the note does not say which
            kosei = kokumin = True
        where = "年金事務所・街角の年金相談センター(マイナンバー登録済なら省略できる場合あり)"
        if kosei:
            tasks.append(
                Task(
                    "pension_stop_kosei",
                    "年金受給権者死亡届(厚生年金)",
                    "Stop the pension (employees' pension)",
                    death + d(days=10),
                    "厚生年金保険法施行規則35条(10日以内)",
                    "Employees' Pension Insurance Act Enforcement Regulations art. 35: 10 days",
                    where,
                    "statutory",
                    source_path="/pension",
                )
            )
        if kokumin:
            tasks.append(
                Task(
                    "pension_stop_kokumin",
                    "年金受給権者死亡届(国民年金)",
                    "Stop the pension (national pension)",
                    death + d(days=14),
                    "国民年金法施行規則24条(14日以内)",
                    "National Pension Act Enforcement Regulations art. 24: 14 days",
                    where,
                    "statutory",
                    source_path="/pension",
                )
            )
    if any(True for _ in located(doc, "real_estate")):
        # 令和6年4月1日施行; for deaths before that the period runs from the commencement date
        due = max(add_months(death, 36), dt.date(2027, 3, 31))
        tasks.append(
            Task(
                "inheritance_registration",
                "相続登記の申請",
                "Register the inheritance of real estate",
                due,
                "不動産登記法76条の2第1項(3年)。施行日(2024-04-01)前の相続は2027-03-31まで" + knowing_ja,
                "Real Property Registration Act art. 76-2(1): 3 years"
                " (deaths before 2024-04-01: by 2027-03-31)",
                "不動産の所在地を管轄する法務局",
                "statutory",
                source_path="/real_estate",
            )
        )
    return tasks


def _contract_tasks(doc: dict[str, Any], labels: dict[str, dict[str, str]]) -> list[Task]:
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
            action_label = labels.get("desired_action", {}).get(action, "")
            tasks.append(
                Task(
                    key=f"{rkey}:{_text(rec.get('id')) or path}",
                    title_ja=f"{title_ja}: {name}" if name else title_ja,
                    title_en=f"{title_en}: {name}" if name else title_en,
                    due=None,
                    basis_ja="(法定の期限なし)",
                    basis_en="(no statutory deadline)",
                    where_ja=name,
                    category="contract",
                    counterparty=name,
                    contract_id=ident,
                    desired_action=f"{action} {action_label}".strip(),
                    contact=_contact(org),
                    source_path=path,
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
    standard_version: str | None = None,
    today: dt.date | None = None,
) -> list[Task]:
    """Statutory tasks (sorted by due date) then one task per contract/account in the note.

    ``today`` is accepted for callers that mark overdue tasks (:meth:`Task.is_overdue`); tasks
    already past due are kept, never dropped.
    """
    del today  # tasks are the same whatever today is; the caller marks overdue ones
    version = standard_version or _text((doc.get("header") or {}).get("standard")) or None
    statutory = sorted(_statutory(doc, death_date), key=lambda t: (t.due or dt.date.max, t.key))
    return statutory + _contract_tasks(doc, _code_labels(version))
